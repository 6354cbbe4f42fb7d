"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.agentSnapshotOf = agentSnapshotOf;
exports.taskSnapshotOf = taskSnapshotOf;
exports.runSnapshotOf = runSnapshotOf;
exports.logLineOf = logLineOf;
exports.agentStatusEventRoot = agentStatusEventRoot;
exports.agentFromSnapshot = agentFromSnapshot;
exports.taskFromEvent = taskFromEvent;
exports.workflowRunFromEvent = workflowRunFromEvent;
exports.agentLogFromEvent = agentLogFromEvent;
const task_snapshot_1 = require("../services/tasks/task-snapshot");
const views_1 = require("./views");
const date = (value) => (typeof value === 'string' ? new Date(value) : value instanceof Date ? value : null);
function snapshotOf(event, key) {
    const value = event.data?.[key];
    return typeof value === 'object' && value !== null ? value : null;
}
function agentSnapshotOf(event) {
    return snapshotOf(event, 'agent');
}
function taskSnapshotOf(event) {
    return snapshotOf(event, 'task');
}
function runSnapshotOf(event) {
    return snapshotOf(event, 'run');
}
/** The audit line an event carries: every change's event embeds its line under data.log. */
function logLineOf(event) {
    return snapshotOf(event, 'log');
}
function agentStatusEventRoot(event) {
    const snapshot = agentSnapshotOf(event);
    return {
        snapshot,
        previousStatus: event.previousStatus ?? null,
        status: (event.status ?? snapshot.status),
        at: event.at,
    };
}
/** The agent as the event saw it; config is not in events (it may hold secrets) and comes from `config`. */
function agentFromSnapshot(snapshot, config, deletedAt) {
    return {
        id: snapshot.id,
        name: snapshot.name,
        type: snapshot.type,
        status: snapshot.status,
        statusReason: snapshot.statusReason,
        maxConcurrency: snapshot.maxConcurrency,
        config,
        createdAt: new Date(snapshot.createdAt),
        lastActiveAt: date(snapshot.lastActiveAt),
        deletedAt,
    };
}
function taskFromEvent(event) {
    return (0, views_1.taskView)((0, task_snapshot_1.taskFromSnapshot)(taskSnapshotOf(event)));
}
function workflowRunFromEvent(event) {
    const run = runSnapshotOf(event);
    return {
        id: String(run['id']),
        workflowId: String(run['workflowId']),
        status: run['status'],
        input: run['input'] ?? null,
        error: run['error'] ?? null,
        createdAt: date(run['createdAt']) ?? event.at,
        startedAt: date(run['startedAt']),
        completedAt: date(run['completedAt']),
    };
}
function agentLogFromEvent(event) {
    const line = logLineOf(event);
    return {
        id: line.id,
        agentId: line.agentId,
        taskId: line.taskId,
        level: line.level,
        message: line.message,
        metadata: line.metadata ?? null,
        actor: line.actor,
        correlationId: line.correlationId,
        timestamp: new Date(line.timestamp),
    };
}
//# sourceMappingURL=live-views.js.map