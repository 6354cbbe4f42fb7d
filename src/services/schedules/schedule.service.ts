import type { DataSource } from 'typeorm';
import type { AgentRegistry } from '../../agents/agent-registry';
import { ScheduleEntity } from '../../entities';
import { validateAgainstSchema } from '../agents/agent-config';
import type { Actor } from '../common/actor';
import { checkUuid } from '../common/ids';
import { checkJsonInput } from '../common/json-input';
import { badInput, notFound } from '../errors/domain-error';
import type { ChangeRunner } from '../events/change-runner';
import type { ChangeTransaction } from '../events/change-transaction';
import type { LogLevel } from '../events/event-types';
import type { TaskService } from '../tasks/task.service';
import { checkCron, nextFireTime } from './cron';

export interface CreateScheduleCommand {
  agentId: string;
  taskType: string;
  payload?: unknown;
  cron: string;
  enabled?: boolean | null;
}

export function scheduleSnapshot(schedule: ScheduleEntity): Record<string, unknown> {
  return {
    id: schedule.id,
    agentId: schedule.agentId,
    taskType: schedule.taskType,
    cron: schedule.cron,
    enabled: schedule.enabled,
    lastRunAt: schedule.lastRunAt?.toISOString() ?? null,
    nextRunAt: schedule.nextRunAt?.toISOString() ?? null,
  };
}

/** Default maximum schedules fired in one sweep, so one sweep stays short. */
const FIRE_BATCH = 100;

/**
 * Recurring tasks. A due schedule fires once per due time however many workers sweep
 * (row locks with SKIP LOCKED, and the task's idempotency key is the schedule and due time),
 * only while its agent is RUNNING; missed times are made up by a single run.
 */
export class ScheduleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: ChangeRunner,
    private readonly registry: AgentRegistry,
    private readonly tasks: TaskService,
    private readonly options: { maxPayloadBytes: number },
  ) {}

  async list(agentId: string | null | undefined): Promise<ScheduleEntity[]> {
    const query = this.dataSource.getRepository(ScheduleEntity).createQueryBuilder('s').where('s.deleted_at IS NULL');
    if (agentId) query.andWhere('s.agent_id = :agentId', { agentId: checkUuid(agentId, 'agentId') });
    return query.orderBy('s.created_at', 'ASC').addOrderBy('s.id', 'ASC').getMany();
  }

  async getMany(ids: readonly string[]): Promise<(ScheduleEntity | null)[]> {
    const rows = ids.length === 0 ? [] : await this.dataSource.getRepository(ScheduleEntity).createQueryBuilder('s').where('s.id IN (:...ids)', { ids }).getMany();
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async create(actor: Actor, command: CreateScheduleCommand): Promise<ScheduleEntity> {
    const agentId = checkUuid(command.agentId, 'input.agentId');
    const cron = checkCron(command.cron);
    const payload = command.payload ?? {};
    checkJsonInput(payload, this.options.maxPayloadBytes, 'input.payload');
    return this.changes.run(actor, async (tx) => {
      const agents: { type: string; name: string }[] = await tx.manager.query('SELECT type, name FROM agent_instances WHERE id = $1 AND deleted_at IS NULL FOR KEY SHARE', [agentId]);
      if (agents.length === 0) throw notFound('agent', agentId);
      const taskType = this.registry.get(agents[0]!.type)?.taskTypes[command.taskType];
      if (taskType === undefined) throw badInput(`agent "${agents[0]!.name}" (type ${agents[0]!.type}) does not accept task type "${command.taskType}"`, 'input.taskType');
      validateAgainstSchema(taskType.payloadSchema, payload, 'input.payload');
      const repo = tx.manager.getRepository(ScheduleEntity);
      const schedule = await repo.save(
        repo.create({ agentId, taskType: command.taskType, payload, cron, enabled: command.enabled ?? true, nextRunAt: nextFireTime(cron, new Date()), createdBy: actor.name }),
      );
      await this.record(tx, schedule, 'INFO', `schedule ${schedule.taskType} "${cron}" created for agent "${agents[0]!.name}"`, 'schedule.created');
      return schedule;
    });
  }

  async setEnabled(actor: Actor, id: string, enabled: boolean): Promise<ScheduleEntity> {
    const scheduleId = checkUuid(id, 'id');
    return this.changes.run(actor, async (tx) => {
      const schedule = await this.lock(tx, scheduleId);
      schedule.enabled = enabled;
      // Re-enabling starts from now: times passed while disabled are not made up.
      if (enabled) schedule.nextRunAt = nextFireTime(schedule.cron, new Date());
      schedule.updatedAt = new Date();
      await tx.manager.getRepository(ScheduleEntity).save(schedule);
      await this.record(tx, schedule, 'INFO', `schedule ${schedule.taskType} ${enabled ? 'enabled' : 'disabled'}`, enabled ? 'schedule.enabled' : 'schedule.disabled');
      return schedule;
    });
  }

  async delete(actor: Actor, id: string): Promise<boolean> {
    const scheduleId = checkUuid(id, 'id');
    return this.changes.run(actor, async (tx) => {
      const schedule = await this.lock(tx, scheduleId);
      schedule.deletedAt = new Date();
      schedule.enabled = false;
      await tx.manager.getRepository(ScheduleEntity).save(schedule);
      await this.record(tx, schedule, 'WARN', `schedule ${schedule.taskType} "${schedule.cron}" deleted`, 'schedule.deleted');
      return true;
    });
  }

  /** Fires every schedule due at `now` (the scheduler's clock): at most one task per schedule per sweep. */
  async fireDue(actor: Actor, now: Date): Promise<number> {
    return this.changes.run(actor, async (tx) => {
      const due = await tx.manager
        .getRepository(ScheduleEntity)
        .createQueryBuilder('s')
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .where('s.enabled AND s.deleted_at IS NULL AND s.next_run_at <= :now', { now })
        .orderBy('s.next_run_at', 'ASC')
        .limit(FIRE_BATCH)
        .getMany();
      let fired = 0;
      for (const schedule of due) {
        const dueAt = schedule.nextRunAt!;
        const agents: { status: string }[] = await tx.manager.query('SELECT status FROM agent_instances WHERE id = $1 AND deleted_at IS NULL', [schedule.agentId]);
        schedule.nextRunAt = nextFireTime(schedule.cron, now);
        schedule.updatedAt = new Date();
        if (agents[0]?.status === 'RUNNING') {
          const task = await this.tasks.enqueue(tx, {
            type: schedule.taskType,
            payload: schedule.payload,
            agentId: schedule.agentId,
            maxAttempts: 3,
            timeoutSeconds: null,
            priority: 0,
            idempotencyKey: `schedule:${schedule.id}:${dueAt.toISOString()}`,
          });
          schedule.lastRunAt = dueAt;
          await tx.manager.getRepository(ScheduleEntity).save(schedule);
          await this.record(tx, schedule, 'INFO', `schedule ${schedule.taskType} fired for ${dueAt.toISOString()}`, 'schedule.fired', { taskId: task.id, dueAt: dueAt.toISOString() });
          fired += 1;
        } else {
          // Fires only while the agent runs: the missed time is skipped, not queued up.
          await tx.manager.getRepository(ScheduleEntity).save(schedule);
        }
      }
      return fired;
    });
  }

  private async lock(tx: ChangeTransaction, id: string): Promise<ScheduleEntity> {
    const schedule = await tx.manager
      .getRepository(ScheduleEntity)
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where('s.id = :id AND s.deleted_at IS NULL', { id })
      .getOne();
    if (schedule === null) throw notFound('schedule', id);
    return schedule;
  }

  private async record(tx: ChangeTransaction, schedule: ScheduleEntity, level: LogLevel, message: string, action: string, extra: Record<string, unknown> = {}): Promise<void> {
    await tx.record(
      { kind: 'SCHEDULE', agentId: schedule.agentId, data: { action, schedule: scheduleSnapshot(schedule), ...extra } },
      { agentId: schedule.agentId, level, message, metadata: { scheduleId: schedule.id, ...extra } },
    );
  }
}
