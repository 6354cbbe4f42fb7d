"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.lockLiveAgent = lockLiveAgent;
const entities_1 = require("../../entities");
const domain_error_1 = require("../errors/domain-error");
/** The visible (not deleted) agent, row-locked for the rest of the caller's transaction; NOT_FOUND otherwise. */
async function lockLiveAgent(tx, agentId) {
    const agent = await tx.manager
        .getRepository(entities_1.AgentInstanceEntity)
        .createQueryBuilder('a')
        .setLock('pessimistic_write')
        .where('a.id = :agentId AND a.deleted_at IS NULL', { agentId })
        .getOne();
    if (agent === null)
        throw (0, domain_error_1.notFound)('agent', agentId);
    return agent;
}
//# sourceMappingURL=agent-lock.js.map