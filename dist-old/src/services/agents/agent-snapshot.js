"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.agentSnapshot = agentSnapshot;
function agentSnapshot(agent) {
    return {
        id: agent.id,
        name: agent.name,
        type: agent.type,
        status: agent.status,
        statusReason: agent.statusReason,
        maxConcurrency: agent.maxConcurrency,
        createdAt: agent.createdAt.toISOString(),
        lastActiveAt: agent.lastActiveAt === null ? null : agent.lastActiveAt.toISOString(),
    };
}
//# sourceMappingURL=agent-snapshot.js.map