"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AgentLifecycleService = void 0;
const entities_1 = require("../../entities");
const ids_1 = require("../common/ids");
const domain_error_1 = require("../errors/domain-error");
const task_jobs_1 = require("../tasks/task-jobs");
const task_row_1 = require("../tasks/task-row");
const agent_config_1 = require("./agent-config");
const agent_lock_1 = require("./agent-lock");
const agent_snapshot_1 = require("./agent-snapshot");
/** How long an agent type's start hook may take, in ms. Default 30_000. */
const START_HOOK_TIMEOUT_MS = 30_000;
const CAN_START = ['CREATED', 'STOPPED', 'ERROR'];
const CAN_STOP = ['STARTING', 'RUNNING', 'ERROR'];
/** Starting and stopping agents: the state machine CREATED → STARTING → RUNNING → STOPPING → STOPPED (or ERROR). */
class AgentLifecycleService {
    dataSource;
    changes;
    registry;
    secretBox;
    tasks;
    constructor(dataSource, changes, registry, secretBox, tasks) {
        this.dataSource = dataSource;
        this.changes = changes;
        this.registry = registry;
        this.secretBox = secretBox;
        this.tasks = tasks;
    }
    /** Returns at STARTING; a worker job runs the type's start hook and moves the agent on. */
    async start(actor, id) {
        const agentId = (0, ids_1.checkUuid)(id, 'id');
        return this.changes.run(actor, async (tx) => {
            const agent = await (0, agent_lock_1.lockLiveAgent)(tx, agentId);
            if (!CAN_START.includes(agent.status))
                throw (0, domain_error_1.conflict)(`agent "${agent.name}" is ${agent.status}; it can be started from ${CAN_START.join(', ')}`);
            const started = await this.setStatus(tx, agent, 'STARTING', null, 'INFO', `agent "${agent.name}" starting`);
            await (0, task_jobs_1.addStartAgentJob)(tx.manager, agentId);
            return started;
        });
    }
    /** Running tasks finish, queued ones are cancelled; STOPPED once nothing runs. */
    async stop(actor, id) {
        const agentId = (0, ids_1.checkUuid)(id, 'id');
        return this.changes.run(actor, async (tx) => {
            const agent = await (0, agent_lock_1.lockLiveAgent)(tx, agentId);
            if (!CAN_STOP.includes(agent.status))
                throw (0, domain_error_1.conflict)(`agent "${agent.name}" is ${agent.status}; it can be stopped from ${CAN_STOP.join(', ')}`);
            const queued = await tx.manager.query(`SELECT ${task_row_1.TASK_COLUMNS} FROM agent_tasks t WHERE t.agent_id = $1 AND t.status = 'QUEUED' ORDER BY t.created_at FOR UPDATE`, [agentId]);
            for (const row of queued)
                await this.tasks.cancelInTransaction(tx, (0, task_row_1.taskFromRow)(row), 'agent stopped');
            const running = await this.runningCount(tx, agentId);
            return running === 0
                ? this.setStatus(tx, agent, 'STOPPED', 'stopped by request', 'INFO', `agent "${agent.name}" stopped`)
                : this.setStatus(tx, agent, 'STOPPING', `stopping: ${running} running task(s) finishing`, 'INFO', `agent "${agent.name}" stopping; ${running} running task(s) will finish`);
        });
    }
    /** The agent.start job: runs the start hook outside any transaction, then records RUNNING or ERROR. */
    async completeStart(actor, agentId, log) {
        const agent = await this.dataSource.getRepository(entities_1.AgentInstanceEntity).findOneBy({ id: agentId });
        if (agent === null || agent.status !== 'STARTING' || agent.deletedAt !== null)
            return;
        const type = this.registry.get(agent.type);
        let failure = type === undefined ? `agent type "${agent.type}" is not installed` : null;
        if (type?.start !== undefined && failure === null) {
            const signal = AbortSignal.timeout(START_HOOK_TIMEOUT_MS);
            try {
                await type.start({ agentId, config: (0, agent_config_1.openConfig)(agentId, agent.config, this.secretBox), signal, log: log(agentId) });
            }
            catch (error) {
                failure = error instanceof Error ? error.message : String(error);
            }
        }
        await this.changes.run(actor, async (tx) => {
            const current = await (0, agent_lock_1.lockLiveAgent)(tx, agentId);
            // A stop (or delete) while the hook ran wins: the start no longer applies.
            if (current.status !== 'STARTING' || current.deletedAt !== null)
                return;
            if (failure === null)
                await this.setStatus(tx, current, 'RUNNING', null, 'INFO', `agent "${current.name}" running`);
            else
                await this.setStatus(tx, current, 'ERROR', failure, 'ERROR', `agent "${current.name}" failed to start: ${failure}`);
        });
    }
    /** Called when a task of a STOPPING agent ends: the last one makes the agent STOPPED. */
    async finishStoppingIfIdle(tx, agentId) {
        const agent = await tx.manager.getRepository(entities_1.AgentInstanceEntity).createQueryBuilder('a').setLock('pessimistic_write').where('a.id = :agentId', { agentId }).getOne();
        if (agent === null || agent.status !== 'STOPPING')
            return;
        if ((await this.runningCount(tx, agentId)) > 0)
            return;
        await this.setStatus(tx, agent, 'STOPPED', 'stopped by request', 'INFO', `agent "${agent.name}" stopped; its last running task finished`);
    }
    async runningCount(tx, agentId) {
        const rows = await tx.manager.query(`SELECT count(*) AS count FROM agent_tasks WHERE agent_id = $1 AND status = 'RUNNING'`, [agentId]);
        return Number(rows[0].count);
    }
    async setStatus(tx, agent, status, reason, level, message) {
        const previousStatus = agent.status;
        agent.status = status;
        agent.statusReason = reason;
        agent.updatedAt = new Date();
        await tx.manager.query('UPDATE agent_instances SET status = $2, status_reason = $3, updated_at = now() WHERE id = $1', [agent.id, status, reason]);
        await tx.record({ kind: 'AGENT_STATUS', agentId: agent.id, status, previousStatus, data: { agent: (0, agent_snapshot_1.agentSnapshot)(agent), statusReason: reason } }, { agentId: agent.id, level, message, metadata: { status, previousStatus } });
        return agent;
    }
}
exports.AgentLifecycleService = AgentLifecycleService;
//# sourceMappingURL=agent-lifecycle.service.js.map