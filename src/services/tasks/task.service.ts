import type { DataSource } from 'typeorm';
import type { AgentRegistry } from '../../agents/agent-registry';
import { payloadFits, validateAgainstSchema } from '../agents/agent-config';
import type { Actor } from '../common/actor';
import { checkUuid, isUuid } from '../common/ids';
import { badInput, conflict, DomainError, notFound } from '../errors/domain-error';
import type { ChangeRunner } from '../events/change-runner';
import type { ChangeTransaction } from '../events/change-transaction';
import { addTaskJob, addTaskJobAtCommit, removeTaskJob } from './task-jobs';
import { sqlJsonLiteral, sqlLiteral } from '../../db/sql-literal';
import { sqlStateOf, UNIQUE_VIOLATION } from '../../db/sql-states';
import { lockTask, recordTaskChange, TASK_MESSAGE, taskMessage, updateTask, type TaskHooks } from './task-events';
import { fastEnqueueSql } from './task-fast-paths';
import { TASK_COLUMNS, taskFromRow, type TaskRow, type TaskView } from './task-row';
import { checkTaskCommand } from './task-command';
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
export const TASK_LIMITS = Object.freeze({
  /** Tasks one distributeTasks call may submit. */
  tasksPerCall: 1_000,
  maxAttempts: 100,
  timeoutSeconds: 86_400,
  priority: 10_000,
  idempotencyKeyLength: 200,
  typeLength: 100,
});

const TASK_INSERT_COLUMNS = 'agent_id, type, status, payload, max_attempts, priority, run_at, timeout_seconds, idempotency_key, workflow_run_id, step_id, created_by';

/** The values of a new QUEUED task, in TASK_INSERT_COLUMNS order, as literals; `agentId` an SQL expression. */
function taskInsertValues(agentId: string, spec: EnqueueSpec, createdBy: string): string {
  return [
    agentId,
    sqlLiteral(spec.type),
    `'QUEUED'`,
    sqlJsonLiteral(spec.payload ?? {}),
    sqlLiteral(spec.maxAttempts),
    sqlLiteral(spec.priority),
    spec.runAt ? `${sqlLiteral(spec.runAt.toISOString())}::timestamptz` : 'NULL::timestamptz',
    spec.timeoutSeconds === null ? 'NULL::int' : sqlLiteral(spec.timeoutSeconds),
    `${sqlLiteral(spec.idempotencyKey ?? null)}::text`,
    `${sqlLiteral(spec.workflowRunId ?? null)}::uuid`,
    `${sqlLiteral(spec.stepId ?? null)}::text`,
    sqlLiteral(createdBy),
  ].join(', ');
}

/** A row of `enqueueFastSql`: the task and its agent's name and type. */
type FastEnqueueRow = TaskRow & { a_name: string; a_type: string };

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
    const spec = checkTaskCommand(command, this.options.maxPayloadBytes);
    if (spec.idempotencyKey) {
      const existing = await this.findByIdempotencyKey(spec.idempotencyKey);
      if (existing !== null) return existing;
    }
    try {
      const whole = this.enqueueWholeSql(spec, actor);
      if (whole !== null) {
        const [row] = await this.changes.runWhole<TaskRow>(whole);
        // No row: the agent is not there, not running, or of a type that does not take the task; the general path says which.
        return row !== undefined ? taskFromRow(row) : await this.changes.run(actor, (tx) => this.enqueue(tx, spec, 'input.'));
      }
      const fast = this.enqueueFastSql(spec, actor.name);
      if (fast === null) return await this.changes.run(actor, (tx) => this.enqueue(tx, spec, 'input.'));
      // The common case in one round trip with the BEGIN; anything else (an agent that is not
      // there or not running…) takes the general path in the same transaction, for its errors.
      return await this.changes.runFrom<TaskView, FastEnqueueRow>(actor, fast, (tx, rows) => this.enqueuedFast(tx, rows, spec, 'input.'));
    } catch (error: unknown) {
      // Two calls racing with one key: the unique index lets one in; the other returns it.
      if (spec.idempotencyKey && sqlStateOf(error) === UNIQUE_VIOLATION) {
        const existing = await this.findByIdempotencyKey(spec.idempotencyKey);
        if (existing !== null) return existing;
      }
      throw error;
    }
  }

  /**
   * Several tasks in one transaction: all are queued, or (one input is refused) none is, and
   * the error's path names the input (`inputs.3.payload`). A task whose idempotencyKey is
   * known already is answered with the existing task, as distribute does.
   */
  async distributeMany(actor: Actor, commands: readonly DistributeTaskCommand[]): Promise<TaskView[]> {
    if (commands.length === 0 || commands.length > TASK_LIMITS.tasksPerCall) throw badInput(`inputs must hold 1-${TASK_LIMITS.tasksPerCall} tasks`, 'inputs');
    const specs = commands.map((command, index) => checkTaskCommand(command, this.options.maxPayloadBytes, `inputs.${index}.`));
    const keys = specs.map((spec) => spec.idempotencyKey).filter((key): key is string => Boolean(key));
    if (new Set(keys).size !== keys.length) throw badInput('two inputs carry the same idempotencyKey', 'inputs');
    for (let attempt = 1; ; attempt += 1) {
      const existing = new Map<string, TaskView>();
      if (keys.length > 0) {
        const rows: TaskRow[] = await this.dataSource.query(`SELECT ${TASK_COLUMNS} FROM agent_tasks t WHERE t.idempotency_key = ANY($1::text[])`, [keys]);
        for (const row of rows) existing.set(row.idempotency_key!, taskFromRow(row));
      }
      try {
        return await this.changes.run(actor, async (tx) => {
          const tasks: TaskView[] = [];
          for (const [index, spec] of specs.entries()) {
            const known = spec.idempotencyKey ? existing.get(spec.idempotencyKey) : undefined;
            tasks.push(known ?? (await this.enqueueOne(tx, spec, `inputs.${index}.`)));
          }
          return tasks;
        });
      } catch (error: unknown) {
        // A call racing with ours queued one of our keys first: the next attempt answers its task.
        if (attempt >= 2 || keys.length === 0 || sqlStateOf(error) !== UNIQUE_VIOLATION) throw error;
      }
    }
  }

  /** One task of a transaction: the one-statement insert when it applies, else the general path. */
  private async enqueueOne(tx: ChangeTransaction, spec: EnqueueSpec, pathPrefix: string): Promise<TaskView> {
    const fast = this.enqueueFastSql(spec, tx.actor.name);
    const rows: FastEnqueueRow[] = fast === null ? [] : await tx.manager.query(fast);
    return this.enqueuedFast(tx, rows, spec, pathPrefix);
  }

  /** The rest of a task inserted by `enqueueFastSql` (no row: the general path, for its errors). */
  private async enqueuedFast(tx: ChangeTransaction, rows: readonly FastEnqueueRow[], spec: EnqueueSpec, pathPrefix: string): Promise<TaskView> {
    const row = rows[0];
    if (row === undefined) return this.enqueue(tx, spec, pathPrefix);
    const task = taskFromRow(row);
    validateAgainstSchema(this.registry.get(row.a_type)!.taskTypes[spec.type]!.payloadSchema, task.payload, `${pathPrefix}payload`);
    await this.queued(tx, task, row.a_name);
    return task;
  }

  /** Creates a QUEUED task and its job in the caller's transaction (used by distribute, workflows and schedules). */
  async enqueue(tx: ChangeTransaction, spec: EnqueueSpec, pathPrefix = ''): Promise<TaskView> {
    const agent = await routeTask(tx, this.registry, spec, pathPrefix);
    const payload = spec.payload ?? {};
    const taskType = this.registry.get(agent.type)!.taskTypes[spec.type]!;
    validateAgainstSchema(taskType.payloadSchema, payload, `${pathPrefix}payload`);
    const rows: TaskRow[] = await tx.manager.query(
      `INSERT INTO agent_tasks AS t (${TASK_INSERT_COLUMNS}) VALUES (${taskInsertValues(`${sqlLiteral(agent.id)}::uuid`, { ...spec, payload }, tx.actor.name)}) RETURNING ${TASK_COLUMNS}`,
    );
    const task = taskFromRow(rows[0]!);
    await this.queued(tx, task, agent.name);
    return task;
  }

  /** The job and the QUEUED event of a task just inserted. */
  private async queued(tx: ChangeTransaction, task: TaskView, agentName: string): Promise<void> {
    addTaskJobAtCommit(tx, task.id, task.runAt, task.priority);
    await recordTaskChange(tx, this.hooks, task, null, {
      level: 'INFO',
      message: taskMessage(TASK_MESSAGE.queued, task.type, agentName),
      metadata: { priority: task.priority, ...(task.runAt ? { runAt: task.runAt.toISOString() } : {}) },
    });
  }

  /**
   * The common case whole in PostgreSQL (`fastEnqueueSql`): a task for a given agent, whose
   * payload every agent type accepting the task type takes (so whichever the agent is, the
   * payload is valid for it). Null otherwise: the paths below check, and name what is wrong.
   */
  private enqueueWholeSql(spec: EnqueueSpec, actor: Actor): string | null {
    if (!spec.agentId || !isUuid(spec.agentId) || spec.workflowRunId) return null;
    const types = this.registry.typesAccepting(spec.type);
    const fitsEvery = types.length > 0 && types.every((type) => payloadFits(this.registry.get(type)!.taskTypes[spec.type]!.payloadSchema, spec.payload ?? {}));
    return fitsEvery ? fastEnqueueSql(spec.agentId.toLowerCase(), types, spec, actor) : null;
  }

  /**
   * The insert of a task for a given RUNNING agent whose type accepts it, with the agent's
   * name and type: the first statement of distribute's common case (no row otherwise). The
   * agent is key-share-locked as routeTask does. Null when the command names no agent.
   */
  private enqueueFastSql(spec: EnqueueSpec, createdBy: string): string | null {
    if (!spec.agentId || !isUuid(spec.agentId)) return null;
    const types = this.registry.typesAccepting(spec.type);
    if (types.length === 0) return null;
    return `WITH a AS (
        SELECT id, name, type FROM agent_instances
        WHERE id = ${sqlLiteral(spec.agentId.toLowerCase())}::uuid AND status = 'RUNNING' AND deleted_at IS NULL AND type = ANY(ARRAY[${types.map(sqlLiteral).join(', ')}]::text[])
        FOR KEY SHARE
      ), t AS (
        INSERT INTO agent_tasks (${TASK_INSERT_COLUMNS}) SELECT ${taskInsertValues('a.id', spec, createdBy)} FROM a RETURNING *
      )
      SELECT ${TASK_COLUMNS}, a.name AS a_name, a.type AS a_type FROM t JOIN a ON a.id = t.agent_id`;
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
}
