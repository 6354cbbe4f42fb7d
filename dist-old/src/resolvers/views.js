"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.agentView = agentView;
exports.taskView = taskView;
exports.logView = logView;
exports.eventView = eventView;
exports.apiKeyView = apiKeyView;
exports.evidenceView = evidenceView;
const agent_config_1 = require("../services/agents/agent-config");
// Presentation only: domain rows to the GraphQL shapes, with secrets masked.
function agentView(entity, registry) {
    return {
        id: entity.id,
        name: entity.name,
        type: entity.type,
        status: entity.status,
        statusReason: entity.statusReason,
        maxConcurrency: entity.maxConcurrency,
        config: (0, agent_config_1.maskConfig)(registry.get(entity.type), entity.config),
        createdAt: entity.createdAt,
        lastActiveAt: entity.lastActiveAt,
        deletedAt: entity.deletedAt,
    };
}
function taskView(task) {
    return { ...task, status: task.status };
}
function logView(line) {
    return { ...line, level: line.level };
}
function eventView(event) {
    return { ...event, kind: event.kind };
}
function apiKeyView(entity) {
    return {
        id: entity.id,
        name: entity.name,
        role: entity.role,
        prefix: entity.prefix,
        createdAt: entity.createdAt,
        lastUsedAt: entity.lastUsedAt,
        revokedAt: entity.revokedAt,
    };
}
function evidenceView(record) {
    return {
        id: record.id,
        agentId: record.agentId,
        taskId: record.taskId,
        source: record.source,
        kind: record.kind,
        externalId: record.externalId,
        data: record.data,
        sha256: record.sha256,
        prevSha256: record.prevSha256,
        signature: record.signature,
        collectedAt: record.collectedAt,
    };
}
//# sourceMappingURL=views.js.map