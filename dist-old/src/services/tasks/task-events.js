"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TASK_MESSAGE = exports.TaskHooks = void 0;
exports.taskMessage = taskMessage;
exports.recordTaskChange = recordTaskChange;
exports.lockTask = lockTask;
exports.updateTask = updateTask;
const returning_rows_1 = require("../../db/returning-rows");
const task_row_1 = require("./task-row");
const task_snapshot_1 = require("./task-snapshot");
class TaskHooks {
    hooks = [];
    add(hook) {
        this.hooks.push(hook);
    }
    async run(tx, task, previousStatus) {
        for (const hook of this.hooks)
            await hook(tx, task, previousStatus);
    }
}
exports.TaskHooks = TaskHooks;
/**
 * Audit messages the task fast paths also write (migration 7's functions, with format()): one
 * text for both, `%s` filled in order.
 */
exports.TASK_MESSAGE = Object.freeze({
    /** type, agent name */
    queued: 'task %s queued for agent "%s"',
    /** type, attempt, maxAttempts */
    started: 'task %s attempt %s of %s started',
    /** type, attempt */
    succeeded: 'task %s succeeded on attempt %s',
});
/** A TASK_MESSAGE with its `%s` filled in order, as PostgreSQL's format() fills it. */
function taskMessage(format, ...values) {
    let next = 0;
    return format.replace(/%s/g, () => String(values[next++]));
}
/** Writes a task's status change: its TASK_STATUS event with the task snapshot, its audit line, then the hooks. */
async function recordTaskChange(tx, hooks, task, previousStatus, audit) {
    await tx.record({
        kind: 'TASK_STATUS',
        agentId: task.agentId,
        taskId: task.id,
        workflowRunId: task.workflowRunId,
        status: task.status,
        previousStatus,
        data: { task: (0, task_snapshot_1.taskSnapshot)(task) },
    }, { agentId: task.agentId, taskId: task.id, level: audit.level, message: audit.message, metadata: { type: task.type, attempts: task.attempts, ...audit.metadata } });
    await hooks.run(tx, task, previousStatus);
}
/** Reads one task row-locked in the caller's transaction. */
async function lockTask(tx, taskId) {
    const rows = await tx.manager.query(`SELECT ${task_row_1.TASK_COLUMNS} FROM agent_tasks t WHERE t.id = $1 FOR UPDATE`, [taskId]);
    return rows.length === 0 ? null : (0, task_row_1.taskFromRow)(rows[0]);
}
/** Updates columns of a task and returns the new row. */
async function updateTask(tx, taskId, set, params) {
    const rows = (0, returning_rows_1.returningRows)(await tx.manager.query(`UPDATE agent_tasks t SET ${set}, updated_at = now() WHERE t.id = $1 RETURNING ${task_row_1.TASK_COLUMNS}`, [taskId, ...params]));
    return (0, task_row_1.taskFromRow)(rows[0]);
}
//# sourceMappingURL=task-events.js.map