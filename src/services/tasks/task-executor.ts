import type { DataSource } from 'typeorm';
import { retryWhileUnavailable } from '../../db/connection-errors';
import { returningRows } from '../../db/returning-rows';
import type { AgentRegistry } from '../../agents/agent-registry';
import type { AgentLogger, EvidenceRecorder } from '../../agents/agent-type';
import type { Logger } from '../../logging/logger';
import { openConfig } from '../agents/agent-config';
import type { AgentLifecycleService } from '../agents/agent-lifecycle.service';
import type { Actor } from '../common/actor';
import type { ChangeRunner } from '../events/change-runner';
import type { ChangeTransaction } from '../events/change-transaction';
import { METRIC, type MetricSample } from '../metrics/metric-names';
import { recordMetrics } from '../metrics/metric-query.service';
import type { SecretBox } from '../secrets/secret-box';
import { lockTask, recordTaskChange, updateTask, type TaskHooks } from './task-events';
import { addTaskJob } from './task-jobs';
import { jsonResult, outcomeOf, raceAbort, retryDelayMs, TaskAbort, type AttemptOutcome } from './task-outcome';
import { TASK_COLUMNS, taskFromRow, type TaskRow, type TaskView } from './task-row';

export interface TaskExecutorDeps {
  dataSource: DataSource;
  changes: ChangeRunner;
  registry: AgentRegistry;
  secretBox: SecretBox;
  hooks: TaskHooks;
  lifecycle: AgentLifecycleService;
  logger: Logger;
  /** First retry delay, in ms (doubles per attempt). */
  retryBaseMs: number;
  /** The evidence ledger a handler appends to. */
  evidenceFor(actor: Actor, agentId: string, taskId: string): EvidenceRecorder;
  /** The agent log a handler writes to. */
  agentLogger(actor: Actor, agentId: string, taskId: string | null): AgentLogger;
}

interface ClaimedAgent {
  id: string;
  name: string;
  type: string;
  status: string;
  max_concurrency: number;
  config: Record<string, unknown>;
  deleted_at: Date | null;
}

type Claim = { kind: 'run'; task: TaskView; agent: ClaimedAgent } | { kind: 'skip' };

/** How often running tasks are checked for a cancel request from any process, in ms. Default 250. */
const CANCEL_POLL_MS = 250;

/**
 * How long a worker keeps trying to claim a task or record an attempt's outcome while
 * PostgreSQL is unavailable (a restart), in ms. Default 60_000. Past it the job fails; its
 * retry finds the task still RUNNING under this worker and runs it again.
 */
const PATIENCE_MS = 60_000;

/**
 * Runs tasks on a worker: claims a QUEUED task (respecting its agent's maxConcurrency
 * across all workers), runs its handler with an AbortSignal for timeout, cancel and
 * shutdown, and records the outcome exactly once.
 */
export class TaskExecutor {
  private readonly running = new Map<string, AbortController>();
  private cancelPoll: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: TaskExecutorDeps,
    readonly workerId: string,
  ) {}

  get runningTaskIds(): string[] {
    return [...this.running.keys()];
  }

  /** The task.run job. Never throws for a task's own failure: the outcome is recorded instead. */
  async runJob(taskId: string, jobId: string): Promise<void> {
    const actor: Actor = { name: `worker:${this.workerId}`, correlationId: `job:${jobId}` };
    const claim = await this.patiently(taskId, 'claiming a task', () => this.deps.changes.run(actor, (tx) => this.claim(tx, taskId)));
    if (claim.kind === 'skip') return;
    const { task, agent } = claim;
    const controller = new AbortController();
    this.running.set(task.id, controller);
    this.ensureCancelPolling();
    const timer =
      task.timeoutSeconds === null
        ? undefined
        : setTimeout(() => controller.abort(new TaskAbort('timeout', `timed out after ${task.timeoutSeconds} s`)), task.timeoutSeconds * 1000);
    let outcome: AttemptOutcome;
    try {
      const handler = this.deps.registry.get(agent.type)?.taskTypes[task.type];
      if (handler === undefined) throw new Error(`agent type ${agent.type} has no handler for task type ${task.type}`);
      const result = await raceAbort(
        handler.handle({
          taskId: task.id,
          agentId: agent.id,
          attempt: task.attempts,
          payload: task.payload,
          config: openConfig(agent.id, agent.config, this.deps.secretBox),
          signal: controller.signal,
          log: this.deps.agentLogger(actor, agent.id, task.id),
          evidence: this.deps.evidenceFor(actor, agent.id, task.id),
        }),
        controller.signal,
      );
      outcome = { kind: 'succeeded', result: jsonResult(result) };
    } catch (error: unknown) {
      outcome = outcomeOf(error);
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      this.running.delete(task.id);
    }
    // The outcome is known: a PostgreSQL restart must not lose it.
    await this.patiently(task.id, 'recording a task outcome', () => this.deps.changes.run(actor, (tx) => this.finish(tx, task.id, outcome)));
  }

  /** Runs a transaction of the job again while PostgreSQL is unavailable, for up to PATIENCE_MS. */
  private patiently<T>(taskId: string, what: string, work: () => Promise<T>): Promise<T> {
    return retryWhileUnavailable(work, PATIENCE_MS, (error) => this.deps.logger.warn({ err: { message: (error as Error).message }, taskId }, `${what} failed: PostgreSQL unavailable; trying again`));
  }

  /** Aborts every running handler (worker shutdown): their tasks are handed back to the queue. */
  abortAll(): void {
    for (const controller of this.running.values()) controller.abort(new TaskAbort('shutdown', 'the worker is shutting down'));
  }

  stop(): void {
    if (this.cancelPoll !== undefined) clearInterval(this.cancelPoll);
    this.cancelPoll = undefined;
  }

  private ensureCancelPolling(): void {
    if (this.cancelPoll !== undefined) return;
    this.cancelPoll = setInterval(() => {
      const ids = this.runningTaskIds;
      if (ids.length === 0) {
        this.stop();
        return;
      }
      this.deps.dataSource
        .query('SELECT id FROM agent_tasks WHERE id = ANY($1::uuid[]) AND cancel_requested_at IS NOT NULL', [ids])
        .then((rows: { id: string }[]) => {
          for (const { id } of rows) this.running.get(id)?.abort(new TaskAbort('cancel', 'cancelled while running'));
        })
        .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'cancel poll failed; retrying'));
    }, CANCEL_POLL_MS);
    this.cancelPoll.unref();
  }

  private async claim(tx: ChangeTransaction, taskId: string): Promise<Claim> {
    // The agent row serialises the claims of one agent (the concurrency count must not race).
    // NO KEY UPDATE: task inserts (their foreign-key check) and routing (KEY SHARE) go on meanwhile.
    const agents: ClaimedAgent[] = await tx.manager.query(
      `SELECT id, name, type, status, max_concurrency, config, deleted_at FROM agent_instances
       WHERE id = (SELECT agent_id FROM agent_tasks WHERE id = $1) FOR NO KEY UPDATE`,
      [taskId],
    );
    const agent = agents[0];
    if (agent === undefined) return { kind: 'skip' };
    const task = await lockTask(tx, taskId);
    if (task === null || (task.status !== 'QUEUED' && !(await this.lostHere(tx, task)))) return { kind: 'skip' };
    if (agent.deleted_at !== null || agent.status !== 'RUNNING') {
      const cancelled = await updateTask(tx, task.id, `status = 'CANCELLED', error = $2, completed_at = now(), blocked_at = NULL`, [`agent is ${agent.deleted_at !== null ? 'deleted' : agent.status}`]);
      await recordTaskChange(tx, this.deps.hooks, cancelled, task.status, { level: 'WARN', message: `task ${task.type} cancelled: agent "${agent.name}" is not running` });
      return { kind: 'skip' };
    }
    const running: { count: string }[] = await tx.manager.query(`SELECT count(*) AS count FROM agent_tasks WHERE agent_id = $1 AND status = 'RUNNING'`, [agent.id]);
    // A task lost here (still RUNNING) holds its own slot: it is not one more.
    if (Number(running[0]!.count) - (task.status === 'RUNNING' ? 1 : 0) >= agent.max_concurrency) {
      // It waits without a job; the next task of this agent to finish wakes it.
      await tx.manager.query('UPDATE agent_tasks SET blocked_at = now(), updated_at = now() WHERE id = $1', [task.id]);
      return { kind: 'skip' };
    }
    const started = await updateTask(tx, task.id, `status = 'RUNNING', attempts = attempts + 1, started_at = now(), completed_at = NULL, worker_id = $2, blocked_at = NULL`, [this.workerId]);
    await tx.manager.query('UPDATE agent_instances SET last_active_at = now() WHERE id = $1', [agent.id]);
    if (started.attempts === 1) {
      const waited: { ms: number }[] = await tx.manager.query('SELECT (extract(epoch FROM (started_at - queued_at)) * 1000)::float8 AS ms FROM agent_tasks WHERE id = $1', [task.id]);
      await recordMetrics(tx.manager, [{ agentId: agent.id, taskId: task.id, name: METRIC.taskQueueWaitMs, value: Math.max(0, waited[0]!.ms) }]);
    }
    await recordTaskChange(tx, this.deps.hooks, started, task.status, { level: 'INFO', message: `task ${task.type} attempt ${started.attempts} of ${started.maxAttempts} started` });
    return { kind: 'run', task: started, agent };
  }

  /**
   * A task RUNNING under this worker that this worker no longer runs: its outcome could not
   * be recorded (PostgreSQL away past PATIENCE_MS) and its job is being retried. It
   * runs again as a new attempt, as after a takeover; nothing else would ever finish it.
   */
  private async lostHere(tx: ChangeTransaction, task: TaskView): Promise<boolean> {
    if (task.status !== 'RUNNING' || this.running.has(task.id)) return false;
    const rows: { worker_id: string | null }[] = await tx.manager.query('SELECT worker_id FROM agent_tasks WHERE id = $1', [task.id]);
    return rows[0]?.worker_id === this.workerId;
  }

  private async finish(tx: ChangeTransaction, taskId: string, outcome: AttemptOutcome): Promise<void> {
    // No agent lock here: finishing never raises the agent's running count. A wake-up lost to a
    // concurrent claim is caught by the worker's blocked-task sweep (wakeStalled).
    const agents: { id: string; status: string; max_concurrency: number }[] = await tx.manager.query(
      'SELECT id, status, max_concurrency FROM agent_instances WHERE id = (SELECT agent_id FROM agent_tasks WHERE id = $1)',
      [taskId],
    );
    const agent = agents[0]!;
    const rows: (TaskRow & { worker_id: string | null; cancel_requested_at: Date | null })[] = await tx.manager.query(
      `SELECT ${TASK_COLUMNS}, t.worker_id, t.cancel_requested_at FROM agent_tasks t WHERE t.id = $1 FOR UPDATE`,
      [taskId],
    );
    const row = rows[0];
    // Another worker took this attempt over (we were presumed dead), or it was recorded already.
    if (row === undefined || row.status !== 'RUNNING' || row.worker_id !== this.workerId) return;
    const task = taskFromRow(row);
    const cancelRequested = row.cancel_requested_at !== null;
    const effective: AttemptOutcome = cancelRequested && outcome.kind !== 'succeeded' ? { kind: 'cancelled' } : outcome;
    const durationSql = `duration_ms = (extract(epoch FROM (now() - started_at)) * 1000)::int`;
    let finished: TaskView;
    const samples: MetricSample[] = [];
    switch (effective.kind) {
      case 'succeeded':
        finished = await updateTask(tx, taskId, `status = 'SUCCEEDED', result = $2, error = NULL, completed_at = now(), ${durationSql}`, [JSON.stringify(effective.result)]);
        samples.push({ agentId: agent.id, taskId, name: METRIC.taskSucceeded, value: 1 });
        await recordTaskChange(tx, this.deps.hooks, finished, 'RUNNING', { level: 'INFO', message: `task ${task.type} succeeded on attempt ${task.attempts}` });
        break;
      case 'cancelled':
        finished = await updateTask(tx, taskId, `status = 'CANCELLED', error = 'cancelled while running', completed_at = now(), ${durationSql}`, []);
        await recordTaskChange(tx, this.deps.hooks, finished, 'RUNNING', { level: 'WARN', message: `task ${task.type} cancelled while running; its handler was aborted` });
        break;
      case 'handed-back':
        finished = await updateTask(tx, taskId, `status = 'QUEUED', worker_id = NULL, started_at = NULL, attempts = greatest(attempts - 1, 0)`, []);
        await addTaskJob(tx.manager, taskId, null, task.priority);
        await recordTaskChange(tx, this.deps.hooks, finished, 'RUNNING', { level: 'WARN', message: `task ${task.type} handed back to the queue: its worker is shutting down` });
        break;
      case 'failed':
      case 'timed-out': {
        const retry = task.attempts < task.maxAttempts && (effective.kind === 'timed-out' || effective.retryable);
        if (retry) {
          const runAt = new Date(Date.now() + retryDelayMs(this.deps.retryBaseMs, task.attempts));
          finished = await updateTask(tx, taskId, `status = 'QUEUED', error = $2, worker_id = NULL, ${durationSql}, run_at = $3`, [effective.error, runAt]);
          await addTaskJob(tx.manager, taskId, runAt, task.priority);
        } else {
          finished = await updateTask(tx, taskId, `status = 'FAILED', error = $2, completed_at = now(), ${durationSql}`, [effective.error]);
          samples.push({ agentId: agent.id, taskId, name: METRIC.taskFailed, value: 1 });
        }
        await recordTaskChange(tx, this.deps.hooks, finished, 'RUNNING', {
          level: retry ? 'WARN' : 'ERROR',
          message: `task ${task.type} attempt ${task.attempts} of ${task.maxAttempts} ${effective.kind === 'timed-out' ? 'timed out' : 'failed'}${retry ? '; it will be retried' : ''}: ${effective.error}`,
        });
        break;
      }
    }
    if (finished.durationMs !== null && effective.kind !== 'handed-back') samples.push({ agentId: agent.id, taskId, name: METRIC.taskDurationMs, value: finished.durationMs });
    await recordMetrics(tx.manager, samples);
    if (agent.status === 'STOPPING') await this.deps.lifecycle.finishStoppingIfIdle(tx, agent.id);
    await this.wakeBlocked(tx, agent.id, agent.max_concurrency);
  }

  /**
   * Safety net run by every worker: blocked tasks of agents that have free slots get their
   * jobs back (a wake-up can be lost when a claim and a finish of one agent race).
   */
  async wakeStalled(actor: Actor): Promise<number> {
    return this.deps.changes.run(actor, async (tx) => {
      const agents: { agent_id: string; max_concurrency: number }[] = await tx.manager.query(
        `SELECT DISTINCT t.agent_id, a.max_concurrency FROM agent_tasks t JOIN agent_instances a ON a.id = t.agent_id
         WHERE t.status = 'QUEUED' AND t.blocked_at IS NOT NULL AND t.blocked_at < now() - interval '1 second'`,
      );
      let woken = 0;
      for (const agent of agents) woken += await this.wakeBlocked(tx, agent.agent_id, agent.max_concurrency);
      return woken;
    });
  }

  /** A slot was freed: the longest-waiting blocked tasks of the agent get their jobs back. */
  private async wakeBlocked(tx: ChangeTransaction, agentId: string, maxConcurrency: number): Promise<number> {
    const woken = returningRows<{ id: string; priority: number }>(await tx.manager.query(
      `WITH free AS (
         SELECT greatest($2::int - count(*), 0) AS slots FROM agent_tasks WHERE agent_id = $1 AND status = 'RUNNING'
       ), next AS (
         SELECT id FROM agent_tasks WHERE agent_id = $1 AND status = 'QUEUED' AND blocked_at IS NOT NULL
         ORDER BY priority DESC, created_at ASC LIMIT (SELECT slots FROM free) FOR UPDATE SKIP LOCKED
       )
       UPDATE agent_tasks t SET blocked_at = NULL, updated_at = now() FROM next WHERE t.id = next.id RETURNING t.id, t.priority`,
      [agentId, maxConcurrency],
    ));
    for (const task of woken) await addTaskJob(tx.manager, task.id, null, task.priority);
    return woken.length;
  }
}
