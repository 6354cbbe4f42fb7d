"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.agentStartJob = agentStartJob;
const ids_1 = require("../services/common/ids");
/** graphile-worker task `agent.start`: runs the agent type's start hook and records RUNNING or ERROR. */
function agentStartJob(services, workerId, agentLogger) {
    return async (payload, helpers) => {
        const agentId = payload?.agentId;
        if (typeof agentId !== 'string' || !(0, ids_1.isUuid)(agentId)) {
            helpers.logger.error(`agent.start job ${helpers.job.id} has no valid agentId; dropping it`);
            return;
        }
        await services.lifecycle.completeStart({ name: `worker:${workerId}`, correlationId: `job:${helpers.job.id}` }, agentId, agentLogger);
    };
}
//# sourceMappingURL=agent-start.job.js.map