import type { DataSource } from 'typeorm';
import { retryWhileUnavailable } from '../../db/connection-errors';
import { LOCK_NOT_AVAILABLE, sqlStateOf } from '../../db/sql-states';
import type { AgentRegistry } from '../../agents/agent-registry';
import type { AgentLogger, EvidenceRecorder } from '../../agents/agent-type';
import type { Logger } from '../../logging/logger';
import { openConfig } from '../agents/agent-config';
import type { AgentLifecycleService } from '../agents/agent-lifecycle.service';
import type { Actor } from '../common/actor';
import type { ChangeOptions, ChangeRunner, WholeChangeOptions } from '../events/change-runner';
import type { ChangeTransaction } from '../events/change-transaction';
import { METRIC, type MetricSample } from '../metrics/metric-names';
import type { SecretBox } from '../secrets/secret-box';
import { CLAIM_NEEDS_LOCK, TaskClaimer, type Claim, type OptimisticClaimRow } from './task-claim';
import { recordTaskChange, TASK_MESSAGE, taskMessage, updateTask, type TaskHooks } from './task-events';
import { fastClaimSql, fastSucceededSql, type FastClaimRow } from './task-fast-paths';
import { addTaskJob, wakeBlockedStatement } from './task-jobs';
import { sqlJsonLiteral, sqlLiteral } from '../../db/sql-literal';
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

/** Claims and outcomes do not wait for their events' cursors: the worker reads none of them back. */
const BACKGROUND_SEQUENCING: ChangeOptions = { awaitSequencing: false };
/** The whole claim commits without waiting for its WAL flush (migration 7): it shares transactions only with other claims. */
const CLAIM_SENDING: WholeChangeOptions = { ...BACKGROUND_SEQUENCING, group: 'claims' };

/** A row of the succeeded-outcome statement. */
type SucceededRow = TaskRow & { a_status: string; a_max_concurrency: number };

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
  private readonly claimer: TaskClaimer;

  constructor(
    private readonly deps: TaskExecutorDeps,
    readonly workerId: string,
  ) {
    this.claimer = new TaskClaimer(deps.hooks, workerId, (taskId) => this.running.has(taskId));
  }

  get runningTaskIds(): string[] {
    return [...this.running.keys()];
  }

  /** The task.run job. Never throws for a task's own failure: the outcome is recorded instead. */
  async runJob(taskId: string, jobId: string): Promise<void> {
    const actor: Actor = { name: `worker:${this.workerId}`, correlationId: `job:${jobId}` };
    const claim = await this.patiently(taskId, 'claiming a task', () => this.claim(actor, taskId));
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
    await this.patiently(task.id, 'recording a task outcome', () => (outcome.kind === 'succeeded' ? this.recordSuccess(actor, task.id, task.workflowRunId !== null, outcome.result) : this.deps.changes.run(actor, (tx) => this.finish(tx, task.id, outcome), BACKGROUND_SEQUENCING)));
  }

  /**
   * A success: whole in PostgreSQL in the common case; else the one-statement path, else the
   * general one. A workflow's task goes straight to the one-statement path: the whole one never
   * takes it (the run moves on in Node), and asking would cost each step a round trip.
   */
  private async recordSuccess(actor: Actor, taskId: string, ofWorkflow: boolean, result: unknown): Promise<void> {
    if (!ofWorkflow) {
      const recorded = await this.deps.changes.runWhole<{ agent_id: string }>(fastSucceededSql(taskId, this.workerId, result, actor), BACKGROUND_SEQUENCING);
      if (recorded.length > 0) return;
    }
    const outcome: AttemptOutcome = { kind: 'succeeded', result };
    await this.deps.changes.runFrom<void, SucceededRow>(actor, this.succeededSql(taskId, result), async (tx, rows) => (rows[0] === undefined ? this.finish(tx, taskId, outcome) : this.recordSucceeded(tx, rows[0])), BACKGROUND_SEQUENCING);
  }

  /** The optimistic claim, redone under the agent lock when it is not the common case or its guard refused it. */
  private async claim(actor: Actor, taskId: string): Promise<Claim> {
    try {
      // The common case, whole in PostgreSQL; no row: a task of a workflow, or not claimable as it stands.
      const [claimed] = await this.deps.changes.runWhole<FastClaimRow>(fastClaimSql(taskId, this.workerId, actor), CLAIM_SENDING);
      if (claimed !== undefined) return this.claimer.claimedFast(claimed);
      const claim = await this.deps.changes.runFrom<Claim | null, OptimisticClaimRow>(actor, this.claimer.optimisticClaimSql(taskId), (tx, rows) => this.claimer.claimFromRows(tx, rows), BACKGROUND_SEQUENCING);
      if (claim !== null) return claim;
    } catch (error: unknown) {
      // Redone under the agent lock: the guard asked for it, or did not get the agent row in time.
      const code = sqlStateOf(error);
      if (code !== CLAIM_NEEDS_LOCK && code !== LOCK_NOT_AVAILABLE) throw error;
    }
    return this.deps.changes.run(actor, (tx) => this.claimer.claimLocked(tx, taskId), BACKGROUND_SEQUENCING);
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
        await recordTaskChange(tx, this.deps.hooks, finished, 'RUNNING', { level: 'INFO', message: taskMessage(TASK_MESSAGE.succeeded, task.type, task.attempts) });
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
    tx.recordMetrics(samples);
    await this.afterFinish(tx, agent.id, agent.status, agent.max_concurrency);
  }

  /**
   * The common outcome in one statement, sent with the BEGIN: the attempt still RUNNING
   * under this worker succeeded. No row when it is not that (taken over, recorded already):
   * the general path decides.
   */
  private succeededSql(taskId: string, result: unknown): string {
    return `UPDATE agent_tasks t SET status = 'SUCCEEDED', result = ${sqlJsonLiteral(result)}, error = NULL, completed_at = now(),
        duration_ms = (extract(epoch FROM (now() - t.started_at)) * 1000)::int, updated_at = now()
      FROM agent_instances a
      WHERE t.id = ${sqlLiteral(taskId)}::uuid AND t.status = 'RUNNING' AND t.worker_id = ${sqlLiteral(this.workerId)} AND a.id = t.agent_id
      RETURNING ${TASK_COLUMNS}, a.status AS a_status, a.max_concurrency AS a_max_concurrency`;
  }

  private async recordSucceeded(tx: ChangeTransaction, row: SucceededRow): Promise<void> {
    const finished = taskFromRow(row);
    const taskId = finished.id;
    await recordTaskChange(tx, this.deps.hooks, finished, 'RUNNING', { level: 'INFO', message: taskMessage(TASK_MESSAGE.succeeded, finished.type, finished.attempts) });
    tx.recordMetrics([
      { agentId: finished.agentId, taskId, name: METRIC.taskSucceeded, value: 1 },
      ...(finished.durationMs === null ? [] : [{ agentId: finished.agentId, taskId, name: METRIC.taskDurationMs, value: finished.durationMs }]),
    ]);
    await this.afterFinish(tx, finished.agentId, row.a_status, row.a_max_concurrency);
  }

  /** A slot of the agent was freed: a STOPPING agent may be STOPPED now, and blocked tasks get their jobs (at commit). */
  private async afterFinish(tx: ChangeTransaction, agentId: string, agentStatus: string, maxConcurrency: number): Promise<void> {
    if (agentStatus === 'STOPPING') await this.deps.lifecycle.finishStoppingIfIdle(tx, agentId);
    tx.atCommit(wakeBlockedStatement(agentId, maxConcurrency));
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
      for (const agent of agents) {
        const rows: { woken: number }[] = await tx.manager.query(wakeBlockedStatement(agent.agent_id, agent.max_concurrency));
        woken += rows[0]!.woken;
      }
      return woken;
    });
  }
}
