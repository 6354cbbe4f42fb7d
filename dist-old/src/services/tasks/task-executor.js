"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TaskExecutor = void 0;
const connection_errors_1 = require("../../db/connection-errors");
const agent_config_1 = require("../agents/agent-config");
const metric_names_1 = require("../metrics/metric-names");
const task_claim_1 = require("./task-claim");
const task_events_1 = require("./task-events");
const task_fast_paths_1 = require("./task-fast-paths");
const task_jobs_1 = require("./task-jobs");
const sql_literal_1 = require("../../db/sql-literal");
const task_outcome_1 = require("./task-outcome");
const task_row_1 = require("./task-row");
/** Claims and outcomes do not wait for their events' cursors: the worker reads none of them back. */
const BACKGROUND_SEQUENCING = { awaitSequencing: false };
/** The whole claim commits without waiting for its WAL flush (migration 7): it shares transactions only with other claims. */
const CLAIM_SENDING = { ...BACKGROUND_SEQUENCING, group: 'claims' };
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
class TaskExecutor {
    deps;
    workerId;
    running = new Map();
    cancelPoll;
    claimer;
    constructor(deps, workerId) {
        this.deps = deps;
        this.workerId = workerId;
        this.claimer = new task_claim_1.TaskClaimer(deps.hooks, workerId, (taskId) => this.running.has(taskId));
    }
    get runningTaskIds() {
        return [...this.running.keys()];
    }
    /** The task.run job. Never throws for a task's own failure: the outcome is recorded instead. */
    async runJob(taskId, jobId) {
        const actor = { name: `worker:${this.workerId}`, correlationId: `job:${jobId}` };
        const claim = await this.patiently(taskId, 'claiming a task', () => this.claim(actor, taskId));
        if (claim.kind === 'skip')
            return;
        const { task, agent } = claim;
        const controller = new AbortController();
        this.running.set(task.id, controller);
        this.ensureCancelPolling();
        const timer = task.timeoutSeconds === null
            ? undefined
            : setTimeout(() => controller.abort(new task_outcome_1.TaskAbort('timeout', `timed out after ${task.timeoutSeconds} s`)), task.timeoutSeconds * 1000);
        let outcome;
        try {
            const handler = this.deps.registry.get(agent.type)?.taskTypes[task.type];
            if (handler === undefined)
                throw new Error(`agent type ${agent.type} has no handler for task type ${task.type}`);
            const result = await (0, task_outcome_1.raceAbort)(handler.handle({
                taskId: task.id,
                agentId: agent.id,
                attempt: task.attempts,
                payload: task.payload,
                config: (0, agent_config_1.openConfig)(agent.id, agent.config, this.deps.secretBox),
                signal: controller.signal,
                log: this.deps.agentLogger(actor, agent.id, task.id),
                evidence: this.deps.evidenceFor(actor, agent.id, task.id),
            }), controller.signal);
            outcome = { kind: 'succeeded', result: (0, task_outcome_1.jsonResult)(result) };
        }
        catch (error) {
            outcome = (0, task_outcome_1.outcomeOf)(error);
        }
        finally {
            if (timer !== undefined)
                clearTimeout(timer);
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
    async recordSuccess(actor, taskId, ofWorkflow, result) {
        if (!ofWorkflow) {
            const recorded = await this.deps.changes.runWhole((0, task_fast_paths_1.fastSucceededSql)(taskId, this.workerId, result, actor), BACKGROUND_SEQUENCING);
            if (recorded.length > 0)
                return;
        }
        const outcome = { kind: 'succeeded', result };
        await this.deps.changes.runFrom(actor, this.succeededSql(taskId, result), async (tx, rows) => (rows[0] === undefined ? this.finish(tx, taskId, outcome) : this.recordSucceeded(tx, rows[0])), BACKGROUND_SEQUENCING);
    }
    /** The optimistic claim, redone under the agent lock when it is not the common case or its guard refused it. */
    async claim(actor, taskId) {
        try {
            // The common case, whole in PostgreSQL; no row: a task of a workflow, or not claimable as it stands.
            const [claimed] = await this.deps.changes.runWhole((0, task_fast_paths_1.fastClaimSql)(taskId, this.workerId, actor), CLAIM_SENDING);
            if (claimed !== undefined)
                return this.claimer.claimedFast(claimed);
            const claim = await this.deps.changes.runFrom(actor, this.claimer.optimisticClaimSql(taskId), (tx, rows) => this.claimer.claimFromRows(tx, rows), BACKGROUND_SEQUENCING);
            if (claim !== null)
                return claim;
        }
        catch (error) {
            const code = error.code;
            if (code !== task_claim_1.CLAIM_NEEDS_LOCK && code !== task_claim_1.LOCK_NOT_AVAILABLE)
                throw error;
        }
        return this.deps.changes.run(actor, (tx) => this.claimer.claimLocked(tx, taskId), BACKGROUND_SEQUENCING);
    }
    /** Runs a transaction of the job again while PostgreSQL is unavailable, for up to PATIENCE_MS. */
    patiently(taskId, what, work) {
        return (0, connection_errors_1.retryWhileUnavailable)(work, PATIENCE_MS, (error) => this.deps.logger.warn({ err: { message: error.message }, taskId }, `${what} failed: PostgreSQL unavailable; trying again`));
    }
    /** Aborts every running handler (worker shutdown): their tasks are handed back to the queue. */
    abortAll() {
        for (const controller of this.running.values())
            controller.abort(new task_outcome_1.TaskAbort('shutdown', 'the worker is shutting down'));
    }
    stop() {
        if (this.cancelPoll !== undefined)
            clearInterval(this.cancelPoll);
        this.cancelPoll = undefined;
    }
    ensureCancelPolling() {
        if (this.cancelPoll !== undefined)
            return;
        this.cancelPoll = setInterval(() => {
            const ids = this.runningTaskIds;
            if (ids.length === 0) {
                this.stop();
                return;
            }
            this.deps.dataSource
                .query('SELECT id FROM agent_tasks WHERE id = ANY($1::uuid[]) AND cancel_requested_at IS NOT NULL', [ids])
                .then((rows) => {
                for (const { id } of rows)
                    this.running.get(id)?.abort(new task_outcome_1.TaskAbort('cancel', 'cancelled while running'));
            })
                .catch((error) => this.deps.logger.warn({ err: error }, 'cancel poll failed; retrying'));
        }, CANCEL_POLL_MS);
        this.cancelPoll.unref();
    }
    async finish(tx, taskId, outcome) {
        // No agent lock here: finishing never raises the agent's running count. A wake-up lost to a
        // concurrent claim is caught by the worker's blocked-task sweep (wakeStalled).
        const agents = await tx.manager.query('SELECT id, status, max_concurrency FROM agent_instances WHERE id = (SELECT agent_id FROM agent_tasks WHERE id = $1)', [taskId]);
        const agent = agents[0];
        const rows = await tx.manager.query(`SELECT ${task_row_1.TASK_COLUMNS}, t.worker_id, t.cancel_requested_at FROM agent_tasks t WHERE t.id = $1 FOR UPDATE`, [taskId]);
        const row = rows[0];
        // Another worker took this attempt over (we were presumed dead), or it was recorded already.
        if (row === undefined || row.status !== 'RUNNING' || row.worker_id !== this.workerId)
            return;
        const task = (0, task_row_1.taskFromRow)(row);
        const cancelRequested = row.cancel_requested_at !== null;
        const effective = cancelRequested && outcome.kind !== 'succeeded' ? { kind: 'cancelled' } : outcome;
        const durationSql = `duration_ms = (extract(epoch FROM (now() - started_at)) * 1000)::int`;
        let finished;
        const samples = [];
        switch (effective.kind) {
            case 'succeeded':
                finished = await (0, task_events_1.updateTask)(tx, taskId, `status = 'SUCCEEDED', result = $2, error = NULL, completed_at = now(), ${durationSql}`, [JSON.stringify(effective.result)]);
                samples.push({ agentId: agent.id, taskId, name: metric_names_1.METRIC.taskSucceeded, value: 1 });
                await (0, task_events_1.recordTaskChange)(tx, this.deps.hooks, finished, 'RUNNING', { level: 'INFO', message: (0, task_events_1.taskMessage)(task_events_1.TASK_MESSAGE.succeeded, task.type, task.attempts) });
                break;
            case 'cancelled':
                finished = await (0, task_events_1.updateTask)(tx, taskId, `status = 'CANCELLED', error = 'cancelled while running', completed_at = now(), ${durationSql}`, []);
                await (0, task_events_1.recordTaskChange)(tx, this.deps.hooks, finished, 'RUNNING', { level: 'WARN', message: `task ${task.type} cancelled while running; its handler was aborted` });
                break;
            case 'handed-back':
                finished = await (0, task_events_1.updateTask)(tx, taskId, `status = 'QUEUED', worker_id = NULL, started_at = NULL, attempts = greatest(attempts - 1, 0)`, []);
                await (0, task_jobs_1.addTaskJob)(tx.manager, taskId, null, task.priority);
                await (0, task_events_1.recordTaskChange)(tx, this.deps.hooks, finished, 'RUNNING', { level: 'WARN', message: `task ${task.type} handed back to the queue: its worker is shutting down` });
                break;
            case 'failed':
            case 'timed-out': {
                const retry = task.attempts < task.maxAttempts && (effective.kind === 'timed-out' || effective.retryable);
                if (retry) {
                    const runAt = new Date(Date.now() + (0, task_outcome_1.retryDelayMs)(this.deps.retryBaseMs, task.attempts));
                    finished = await (0, task_events_1.updateTask)(tx, taskId, `status = 'QUEUED', error = $2, worker_id = NULL, ${durationSql}, run_at = $3`, [effective.error, runAt]);
                    await (0, task_jobs_1.addTaskJob)(tx.manager, taskId, runAt, task.priority);
                }
                else {
                    finished = await (0, task_events_1.updateTask)(tx, taskId, `status = 'FAILED', error = $2, completed_at = now(), ${durationSql}`, [effective.error]);
                    samples.push({ agentId: agent.id, taskId, name: metric_names_1.METRIC.taskFailed, value: 1 });
                }
                await (0, task_events_1.recordTaskChange)(tx, this.deps.hooks, finished, 'RUNNING', {
                    level: retry ? 'WARN' : 'ERROR',
                    message: `task ${task.type} attempt ${task.attempts} of ${task.maxAttempts} ${effective.kind === 'timed-out' ? 'timed out' : 'failed'}${retry ? '; it will be retried' : ''}: ${effective.error}`,
                });
                break;
            }
        }
        if (finished.durationMs !== null && effective.kind !== 'handed-back')
            samples.push({ agentId: agent.id, taskId, name: metric_names_1.METRIC.taskDurationMs, value: finished.durationMs });
        tx.recordMetrics(samples);
        await this.afterFinish(tx, agent.id, agent.status, agent.max_concurrency);
    }
    /**
     * The common outcome in one statement, sent with the BEGIN: the attempt still RUNNING
     * under this worker succeeded. No row when it is not that (taken over, recorded already):
     * the general path decides.
     */
    succeededSql(taskId, result) {
        return `UPDATE agent_tasks t SET status = 'SUCCEEDED', result = ${(0, sql_literal_1.sqlJsonLiteral)(result)}, error = NULL, completed_at = now(),
        duration_ms = (extract(epoch FROM (now() - t.started_at)) * 1000)::int, updated_at = now()
      FROM agent_instances a
      WHERE t.id = ${(0, sql_literal_1.sqlLiteral)(taskId)}::uuid AND t.status = 'RUNNING' AND t.worker_id = ${(0, sql_literal_1.sqlLiteral)(this.workerId)} AND a.id = t.agent_id
      RETURNING ${task_row_1.TASK_COLUMNS}, a.status AS a_status, a.max_concurrency AS a_max_concurrency`;
    }
    async recordSucceeded(tx, row) {
        const finished = (0, task_row_1.taskFromRow)(row);
        const taskId = finished.id;
        await (0, task_events_1.recordTaskChange)(tx, this.deps.hooks, finished, 'RUNNING', { level: 'INFO', message: (0, task_events_1.taskMessage)(task_events_1.TASK_MESSAGE.succeeded, finished.type, finished.attempts) });
        tx.recordMetrics([
            { agentId: finished.agentId, taskId, name: metric_names_1.METRIC.taskSucceeded, value: 1 },
            ...(finished.durationMs === null ? [] : [{ agentId: finished.agentId, taskId, name: metric_names_1.METRIC.taskDurationMs, value: finished.durationMs }]),
        ]);
        await this.afterFinish(tx, finished.agentId, row.a_status, row.a_max_concurrency);
    }
    /** A slot of the agent was freed: a STOPPING agent may be STOPPED now, and blocked tasks get their jobs (at commit). */
    async afterFinish(tx, agentId, agentStatus, maxConcurrency) {
        if (agentStatus === 'STOPPING')
            await this.deps.lifecycle.finishStoppingIfIdle(tx, agentId);
        tx.atCommit((0, task_jobs_1.wakeBlockedStatement)(agentId, maxConcurrency));
    }
    /**
     * Safety net run by every worker: blocked tasks of agents that have free slots get their
     * jobs back (a wake-up can be lost when a claim and a finish of one agent race).
     */
    async wakeStalled(actor) {
        return this.deps.changes.run(actor, async (tx) => {
            const agents = await tx.manager.query(`SELECT DISTINCT t.agent_id, a.max_concurrency FROM agent_tasks t JOIN agent_instances a ON a.id = t.agent_id
         WHERE t.status = 'QUEUED' AND t.blocked_at IS NOT NULL AND t.blocked_at < now() - interval '1 second'`);
            let woken = 0;
            for (const agent of agents) {
                const rows = await tx.manager.query((0, task_jobs_1.wakeBlockedStatement)(agent.agent_id, agent.max_concurrency));
                woken += rows[0].woken;
            }
            return woken;
        });
    }
}
exports.TaskExecutor = TaskExecutor;
//# sourceMappingURL=task-executor.js.map