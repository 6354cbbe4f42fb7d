"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.agentLogWriter = agentLogWriter;
/** Handlers' log lines: each is an agent_logs row and its LOG event, written in its own transaction. */
function agentLogWriter(services, actor, agentId, taskId) {
    return {
        async log(level, message, metadata) {
            await services.changes.run(actor, (tx) => tx.log({ agentId, taskId, level, message: message.slice(0, 8000), metadata: metadata ?? null }));
        },
    };
}
//# sourceMappingURL=agent-log-writer.js.map