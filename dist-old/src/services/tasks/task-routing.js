"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.routeTask = routeTask;
const ids_1 = require("../common/ids");
const domain_error_1 = require("../errors/domain-error");
/**
 * Picks the agent a task goes to, inside the transaction that creates it. The chosen
 * agent's row is key-share-locked, so a concurrent stopAgent (FOR UPDATE) cannot slip in
 * between, while workers claiming this agent's tasks (FOR NO KEY UPDATE) do not block it.
 * agentId: that agent. agentType: the least-loaded RUNNING agent of that type.
 * Neither: the least-loaded RUNNING agent whose type accepts the task type.
 */
async function routeTask(tx, registry, request, pathPrefix) {
    if (request.agentId) {
        const agentId = (0, ids_1.checkUuid)(request.agentId, `${pathPrefix}agentId`);
        const rows = await tx.manager.query('SELECT id, name, type, status, deleted_at FROM agent_instances WHERE id = $1 FOR KEY SHARE', [agentId]);
        const agent = rows[0];
        if (agent === undefined || agent.deleted_at !== null)
            throw (0, domain_error_1.notFound)('agent', agentId);
        const type = registry.get(agent.type);
        if (type === undefined || !Object.hasOwn(type.taskTypes, request.type)) {
            throw (0, domain_error_1.badInput)(`agent "${agent.name}" (type ${agent.type}) does not accept task type "${request.type}"`, `${pathPrefix}type`);
        }
        if (agent.status !== 'RUNNING')
            throw new domain_error_1.DomainError('AGENT_NOT_RUNNING', `agent "${agent.name}" is ${agent.status}, not RUNNING`);
        return agent;
    }
    let types;
    if (request.agentType) {
        const type = registry.get(request.agentType);
        if (type === undefined)
            throw (0, domain_error_1.badInput)(`unknown agent type "${request.agentType}"`, `${pathPrefix}agentType`);
        if (!Object.hasOwn(type.taskTypes, request.type)) {
            throw (0, domain_error_1.badInput)(`agent type "${request.agentType}" does not accept task type "${request.type}"`, `${pathPrefix}type`);
        }
        types = [type.key];
    }
    else {
        types = registry.typesAccepting(request.type);
        if (types.length === 0)
            throw (0, domain_error_1.badInput)(`no agent type accepts task type "${request.type}"`, `${pathPrefix}type`);
    }
    const rows = await tx.manager.query(`SELECT a.id, a.name, a.type, a.status, a.deleted_at
     FROM agent_instances a
     LEFT JOIN LATERAL (
       SELECT count(*) AS load FROM agent_tasks t WHERE t.agent_id = a.id AND t.status IN ('QUEUED', 'RUNNING')
     ) l ON TRUE
     WHERE a.type = ANY($1::text[]) AND a.status = 'RUNNING' AND a.deleted_at IS NULL
     ORDER BY l.load ASC, a.created_at ASC
     LIMIT 1
     FOR KEY SHARE OF a`, [types]);
    const agent = rows[0];
    if (agent === undefined) {
        throw new domain_error_1.DomainError('NO_AGENT_AVAILABLE', `no RUNNING agent ${request.agentType ? `of type ${request.agentType}` : 'accepts'} task type "${request.type}"`);
    }
    return agent;
}
//# sourceMappingURL=task-routing.js.map