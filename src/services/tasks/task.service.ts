import type { DataSource } from 'typeorm';
import type { AgentRegistry } from '../../agents/agent-registry';
import { validateAgainstSchema } from '../agents/agent-config';
import type { Actor } from '../common/actor';
import { checkUuid } from '../common/ids';
import { checkJsonInput } from '../common/json-input';
import { badInput, conflict, DomainError, notFound } from '../errors/domain-error';
import type { ChangeRunner } from '../events/change-runner';
import type { ChangeTransaction } from '../events/change-transaction';
import { addTaskJob, removeTaskJob } from './task-jobs';
import { lockTask, recordTaskChange, updateTask, type TaskHooks } from './task-events';
import { TASK_COLUMNS, taskFromRow, type TaskRow, type TaskView } from './task-row';
import { routeTask } from './task-routing';

export interface DistributeTaskCommand {
  type: string;
  payload?: unknown;
  agentId?: string | null;
  agentType?: string | null;
  priority?: number | null;
  maxAttempts?: number | null;
  runAt?: Date | null;
  timeoutSeconds?: number | null;
  idempotencyKey?: string | null;
}

/** A task created by the engine itself (workflow steps, schedules), inside the caller's transaction. */
export interface EnqueueSpec {
  type: string;
  payload: unknown;
  agentId?: string | null;
  agentType?: string | null;
  maxAttempts: number;
  timeoutSeconds: number | null;
  priority: number;
  runAt?: Date | null;
  idempotencyKey?: string | null;
  workflowRunId?: string | null;
  stepId?: string | null;
}

export interface TaskServiceOptions {
  /** Largest serialised payload, in bytes. */
  maxPayloadBytes: number;
}

/** Bounds of the numeric task options. */
export const TASK_LIMITS = Object.freeze({ maxAttempts: 100, timeoutSeconds: 86_400, priority: 10_000, idempotencyKeyLength: 200, typeLength: 100 });

/** Submitting, cancelling and retrying tasks. Running them is the task executor's. */
export class TaskService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: ChangeRunner,
    private readonly registry: AgentRegistry,
    private readonly hooks: TaskHooks,
    private readonly options: TaskServiceOptions,
  ) {}

  async distribute(actor: Actor, command: DistributeTaskCommand): Promise<TaskView> {
    const spec = this.checkCommand(command);
    if (spec.idempotencyKey) {
      const existing = await this.findByIdempotencyKey(spec.idempotencyKey);
      if (existing !== null) return existing;
    }
    try {
      return await this.changes.run(actor, (tx) => this.enqueue(tx, spec, 'input.'));
    } catch (error: unknown) {
      // Two calls racing with one key: the unique index lets one in; the other returns it.
      if (spec.idempotencyKey && (error as { code?: string }).code === '23505') {
        const existing = await this.findByIdempotencyKey(spec.idempotencyKey);
        if (existing !== null) return existing;
      }
      throw error;
    }
  }

  /** Creates a QUEUED task and its job in the caller's transaction (used by distribute, workflows and schedules). */
  async enqueue(tx: ChangeTransaction, spec: EnqueueSpec, pathPrefix = ''): Promise<TaskView> {
    const agent = await routeTask(tx, this.registry, spec, pathPrefix);
    const payload = spec.payload ?? {};
    const taskType = this.registry.get(agent.type)!.taskTypes[spec.type]!;
    validateAgainstSchema(taskType.payloadSchema, payload, `${pathPrefix}payload`);
    const rows: TaskRow[] = await tx.manager.query(
      `INSERT INTO agent_tasks AS t (agent_id, type, status, payload, max_attempts, priority, run_at, timeout_seconds, idempotency_key, workflow_run_id, step_id, created_by)
       VALUES ($1, $2, 'QUEUED', $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${TASK_COLUMNS}`,
      [
        agent.id,
        spec.type,
        JSON.stringify(payload),
        spec.maxAttempts,
        spec.priority,
        spec.runAt ?? null,
        spec.timeoutSeconds,
        spec.idempotencyKey ?? null,
        spec.workflowRunId ?? null,
        spec.stepId ?? null,
        tx.actor.name,
      ],
    );
    const task = taskFromRow(rows[0]!);
    await addTaskJob(tx.manager, task.id, task.runAt, task.priority);
    await recordTaskChange(tx, this.hooks, task, null, {
      level: 'INFO',
      message: `task ${task.type} queued for agent "${agent.name}"`,
      metadata: { priority: task.priority, ...(task.runAt ? { runAt: task.runAt.toISOString() } : {}) },
    });
    return task;
  }

  async cancel(actor: Actor, id: string): Promise<TaskView> {
    const taskId = checkUuid(id, 'id');
    return this.changes.run(actor, async (tx) => {
      const task = await lockTask(tx, taskId);
      if (task === null) throw notFound('task', taskId);
      if (task.status !== 'QUEUED' && task.status !== 'RUNNING') throw conflict(`task ${taskId} is ${task.status}; only QUEUED or RUNNING tasks can be cancelled`);
      return this.cancelInTransaction(tx, task);
    });
  }

  /**
   * Cancels in the caller's transaction: a QUEUED task becomes CANCELLED at once and never
   * runs; a RUNNING one is marked, and the worker running it aborts its handler and records
   * CANCELLED.
   */
  async cancelInTransaction(tx: ChangeTransaction, task: TaskView, reason = 'cancelled'): Promise<TaskView> {
    if (task.status === 'QUEUED') {
      const cancelled = await updateTask(tx, task.id, `status = 'CANCELLED', error = $2, completed_at = now(), blocked_at = NULL, cancel_requested_at = now()`, [reason]);
      await removeTaskJob(tx.manager, task.id);
      await recordTaskChange(tx, this.hooks, cancelled, 'QUEUED', { level: 'WARN', message: `task ${task.type} cancelled before it ran` });
      return cancelled;
    }
    if (task.status === 'RUNNING') {
      await tx.manager.query('UPDATE agent_tasks SET cancel_requested_at = now(), updated_at = now() WHERE id = $1 AND cancel_requested_at IS NULL', [task.id]);
      await tx.log({ agentId: task.agentId, taskId: task.id, level: 'WARN', message: `cancel of running task ${task.type} requested: its worker aborts it` });
      return task;
    }
    return task;
  }

  async retry(actor: Actor, id: string): Promise<TaskView> {
    const taskId = checkUuid(id, 'id');
    return this.changes.run(actor, async (tx) => {
      const task = await lockTask(tx, taskId);
      if (task === null) throw notFound('task', taskId);
      if (task.status !== 'FAILED' && task.status !== 'CANCELLED') throw conflict(`task ${taskId} is ${task.status}; only FAILED or CANCELLED tasks can be retried`);
      const agent: { status: string; name: string; deleted_at: Date | null }[] = await tx.manager.query(
        'SELECT status, name, deleted_at FROM agent_instances WHERE id = $1 FOR KEY SHARE',
        [task.agentId],
      );
      if (agent[0] === undefined || agent[0].deleted_at !== null) throw conflict('the task\'s agent was deleted');
      if (agent[0].status !== 'RUNNING') throw new DomainError('AGENT_NOT_RUNNING', `agent "${agent[0].name}" is ${agent[0].status}, not RUNNING`);
      const requeued = await updateTask(
        tx,
        task.id,
        `status = 'QUEUED', attempts = 0, error = NULL, result = NULL, started_at = NULL, completed_at = NULL, duration_ms = NULL,
         cancel_requested_at = NULL, blocked_at = NULL, worker_id = NULL, queued_at = now(), run_at = NULL`,
        [],
      );
      await addTaskJob(tx.manager, task.id, null, task.priority);
      await recordTaskChange(tx, this.hooks, requeued, task.status, { level: 'INFO', message: `task ${task.type} re-queued by retry` });
      return requeued;
    });
  }

  private async findByIdempotencyKey(key: string): Promise<TaskView | null> {
    const rows: TaskRow[] = await this.dataSource.query(`SELECT ${TASK_COLUMNS} FROM agent_tasks t WHERE t.idempotency_key = $1`, [key]);
    return rows.length === 0 ? null : taskFromRow(rows[0]!);
  }

  private checkCommand(command: DistributeTaskCommand): EnqueueSpec {
    const type = command.type.trim();
    if (type.length === 0 || type.length > TASK_LIMITS.typeLength) throw badInput(`type must be 1-${TASK_LIMITS.typeLength} characters`, 'input.type');
    const payload = command.payload ?? {};
    checkJsonInput(payload, this.options.maxPayloadBytes, 'input.payload');
    const maxAttempts = command.maxAttempts ?? 3;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > TASK_LIMITS.maxAttempts) {
      throw badInput(`maxAttempts must be between 1 and ${TASK_LIMITS.maxAttempts}`, 'input.maxAttempts');
    }
    const priority = command.priority ?? 0;
    if (!Number.isInteger(priority) || Math.abs(priority) > TASK_LIMITS.priority) {
      throw badInput(`priority must be between -${TASK_LIMITS.priority} and ${TASK_LIMITS.priority}`, 'input.priority');
    }
    const timeoutSeconds = command.timeoutSeconds ?? null;
    if (timeoutSeconds !== null && (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > TASK_LIMITS.timeoutSeconds)) {
      throw badInput(`timeoutSeconds must be between 1 and ${TASK_LIMITS.timeoutSeconds}`, 'input.timeoutSeconds');
    }
    const idempotencyKey = command.idempotencyKey ?? null;
    if (idempotencyKey !== null && (idempotencyKey.length === 0 || idempotencyKey.length > TASK_LIMITS.idempotencyKeyLength || /\p{Cc}/u.test(idempotencyKey))) {
      throw badInput(`idempotencyKey must be 1-${TASK_LIMITS.idempotencyKeyLength} printable characters`, 'input.idempotencyKey');
    }
    if (command.runAt && Number.isNaN(command.runAt.getTime())) throw badInput('runAt is not a valid time', 'input.runAt');
    return {
      type,
      payload,
      agentId: command.agentId ?? null,
      agentType: command.agentType ?? null,
      maxAttempts,
      timeoutSeconds,
      priority,
      runAt: command.runAt ?? null,
      idempotencyKey,
    };
  }
}
