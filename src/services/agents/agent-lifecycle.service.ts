import type { DataSource } from 'typeorm';
import type { AgentRegistry } from '../../agents/agent-registry';
import type { AgentLogger } from '../../agents/agent-type';
import { AgentInstanceEntity } from '../../entities';
import type { Actor } from '../common/actor';
import { checkUuid } from '../common/ids';
import { conflict } from '../errors/domain-error';
import type { ChangeRunner } from '../events/change-runner';
import type { ChangeTransaction } from '../events/change-transaction';
import type { LogLevel } from '../events/event-types';
import type { SecretBox } from '../secrets/secret-box';
import { addStartAgentJob } from '../tasks/task-jobs';
import type { TaskService } from '../tasks/task.service';
import { TASK_COLUMNS, taskFromRow, type TaskRow } from '../tasks/task-row';
import { openConfig } from './agent-config';
import { lockLiveAgent } from './agent-lock';
import { agentSnapshot } from './agent-snapshot';
import type { AgentStatus } from './agent.service';

/** How long an agent type's start hook may take, in ms. Default 30_000. */
const START_HOOK_TIMEOUT_MS = 30_000;

const CAN_START: readonly AgentStatus[] = ['CREATED', 'STOPPED', 'ERROR'];
const CAN_STOP: readonly AgentStatus[] = ['STARTING', 'RUNNING', 'ERROR'];

/** Starting and stopping agents: the state machine CREATED → STARTING → RUNNING → STOPPING → STOPPED (or ERROR). */
export class AgentLifecycleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: ChangeRunner,
    private readonly registry: AgentRegistry,
    private readonly secretBox: SecretBox,
    private readonly tasks: TaskService,
  ) {}

  /** Returns at STARTING; a worker job runs the type's start hook and moves the agent on. */
  async start(actor: Actor, id: string): Promise<AgentInstanceEntity> {
    const agentId = checkUuid(id, 'id');
    return this.changes.run(actor, async (tx) => {
      const agent = await lockLiveAgent(tx, agentId);
      if (!CAN_START.includes(agent.status as AgentStatus)) throw conflict(`agent "${agent.name}" is ${agent.status}; it can be started from ${CAN_START.join(', ')}`);
      const started = await this.setStatus(tx, agent, 'STARTING', null, 'INFO', `agent "${agent.name}" starting`);
      await addStartAgentJob(tx.manager, agentId);
      return started;
    });
  }

  /** Running tasks finish, queued ones are cancelled; STOPPED once nothing runs. */
  async stop(actor: Actor, id: string): Promise<AgentInstanceEntity> {
    const agentId = checkUuid(id, 'id');
    return this.changes.run(actor, async (tx) => {
      const agent = await lockLiveAgent(tx, agentId);
      if (!CAN_STOP.includes(agent.status as AgentStatus)) throw conflict(`agent "${agent.name}" is ${agent.status}; it can be stopped from ${CAN_STOP.join(', ')}`);
      const queued: TaskRow[] = await tx.manager.query(`SELECT ${TASK_COLUMNS} FROM agent_tasks t WHERE t.agent_id = $1 AND t.status = 'QUEUED' ORDER BY t.created_at FOR UPDATE`, [agentId]);
      for (const row of queued) await this.tasks.cancelInTransaction(tx, taskFromRow(row), 'agent stopped');
      const running = await this.runningCount(tx, agentId);
      return running === 0
        ? this.setStatus(tx, agent, 'STOPPED', 'stopped by request', 'INFO', `agent "${agent.name}" stopped`)
        : this.setStatus(tx, agent, 'STOPPING', `stopping: ${running} running task(s) finishing`, 'INFO', `agent "${agent.name}" stopping; ${running} running task(s) will finish`);
    });
  }

  /** The agent.start job: runs the start hook outside any transaction, then records RUNNING or ERROR. */
  async completeStart(actor: Actor, agentId: string, log: (agentId: string) => AgentLogger): Promise<void> {
    const agent = await this.dataSource.getRepository(AgentInstanceEntity).findOneBy({ id: agentId });
    if (agent === null || agent.status !== 'STARTING' || agent.deletedAt !== null) return;
    const type = this.registry.get(agent.type);
    let failure: string | null = type === undefined ? `agent type "${agent.type}" is not installed` : null;
    if (type?.start !== undefined && failure === null) {
      const signal = AbortSignal.timeout(START_HOOK_TIMEOUT_MS);
      try {
        await type.start({ agentId, config: openConfig(agentId, agent.config, this.secretBox), signal, log: log(agentId) });
      } catch (error: unknown) {
        failure = error instanceof Error ? error.message : String(error);
      }
    }
    await this.changes.run(actor, async (tx) => {
      const current = await lockLiveAgent(tx, agentId);
      // A stop (or delete) while the hook ran wins: the start no longer applies.
      if (current.status !== 'STARTING' || current.deletedAt !== null) return;
      if (failure === null) await this.setStatus(tx, current, 'RUNNING', null, 'INFO', `agent "${current.name}" running`);
      else await this.setStatus(tx, current, 'ERROR', failure, 'ERROR', `agent "${current.name}" failed to start: ${failure}`);
    });
  }

  /** Called when a task of a STOPPING agent ends: the last one makes the agent STOPPED. */
  async finishStoppingIfIdle(tx: ChangeTransaction, agentId: string): Promise<void> {
    const agent = await tx.manager.getRepository(AgentInstanceEntity).createQueryBuilder('a').setLock('pessimistic_write').where('a.id = :agentId', { agentId }).getOne();
    if (agent === null || agent.status !== 'STOPPING') return;
    if ((await this.runningCount(tx, agentId)) > 0) return;
    await this.setStatus(tx, agent, 'STOPPED', 'stopped by request', 'INFO', `agent "${agent.name}" stopped; its last running task finished`);
  }

  private async runningCount(tx: ChangeTransaction, agentId: string): Promise<number> {
    const rows: { count: string }[] = await tx.manager.query(`SELECT count(*) AS count FROM agent_tasks WHERE agent_id = $1 AND status = 'RUNNING'`, [agentId]);
    return Number(rows[0]!.count);
  }

  private async setStatus(tx: ChangeTransaction, agent: AgentInstanceEntity, status: AgentStatus, reason: string | null, level: LogLevel, message: string): Promise<AgentInstanceEntity> {
    const previousStatus = agent.status;
    agent.status = status;
    agent.statusReason = reason;
    agent.updatedAt = new Date();
    await tx.manager.query('UPDATE agent_instances SET status = $2, status_reason = $3, updated_at = now() WHERE id = $1', [agent.id, status, reason]);
    await tx.record(
      { kind: 'AGENT_STATUS', agentId: agent.id, status, previousStatus, data: { agent: agentSnapshot(agent), statusReason: reason } },
      { agentId: agent.id, level, message, metadata: { status, previousStatus } },
    );
    return agent;
  }
}
