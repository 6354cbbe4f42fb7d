"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startWorker = startWorker;
const node_crypto_1 = require("node:crypto");
const node_events_1 = require("node:events");
const node_os_1 = require("node:os");
const graphile_worker_1 = require("graphile-worker");
const agent_start_job_1 = require("../jobs/agent-start.job");
const event_retention_job_1 = require("../jobs/event-retention.job");
const schedule_sweep_job_1 = require("../jobs/schedule-sweep.job");
const task_run_job_1 = require("../jobs/task-run.job");
const task_jobs_1 = require("../services/tasks/task-jobs");
const task_executor_1 = require("../services/tasks/task-executor");
const agent_log_writer_1 = require("./agent-log-writer");
const graphile_retries_1 = require("./graphile-retries");
const patient_pool_1 = require("./patient-pool");
/** How long a worker waits before trying again to start a graphile-worker runner that would not start, in ms. */
const RESTART_RETRY_MS = 5_000;
/**
 * A worker: graphile-worker running our jobs, plus the loops graphile-worker lacks — a
 * heartbeat, the takeover of dead workers' tasks (forceUnlockWorkers), and the scheduler.
 */
async function startWorker(services, options) {
    const { config, logger } = services;
    const workerId = `${(0, node_os_1.hostname)()}-${process.pid}-${(0, node_crypto_1.randomBytes)(3).toString('hex')}`;
    // Events this process's changes leave in the outbox are numbered after each commit; the
    // poll also numbers what a crashed process left.
    services.changes.sequencer.start();
    const log = logger.child({ workerId });
    const evidenceFor = (actor, agentId, taskId) => ({
        append: (record) => services.evidence.append(actor, agentId, taskId, record),
    });
    const executor = new task_executor_1.TaskExecutor({
        dataSource: services.dataSource,
        changes: services.changes,
        registry: services.registry,
        secretBox: services.secretBox,
        hooks: services.taskHooks,
        lifecycle: services.lifecycle,
        logger: log,
        retryBaseMs: config.taskRetryBaseMs,
        evidenceFor,
        agentLogger: (actor, agentId, taskId) => (0, agent_log_writer_1.agentLogWriter)(services, actor, agentId, taskId),
    }, workerId);
    const systemActor = { name: `worker:${workerId}`, correlationId: null };
    // Every id graphile-worker may lock jobs under, for forceUnlockWorkers after this process dies:
    // graphile-worker 0.17 locks fetched jobs under its pool's id, not its workers' ids.
    const graphileWorkerIds = [];
    const events = new node_events_1.EventEmitter();
    events.on('pool:create', ({ workerPool }) => graphileWorkerIds.push(workerPool.id));
    events.on('worker:create', ({ worker }) => graphileWorkerIds.push(worker.workerId));
    (0, graphile_retries_1.retryGraphileWhileUnavailable)();
    // How long graphile-worker waits for a connection while PostgreSQL restarts, in ms.
    const connectPatienceMs = 120_000;
    let waiting = false;
    const pgPool = new patient_pool_1.PatientPool({ connectionString: options.databaseUrl, max: options.concurrency + 4, application_name: 'velocity-worker' }, connectPatienceMs, (error) => {
        if (!waiting)
            log.warn({ err: { message: error.message } }, 'PostgreSQL unavailable; the worker waits for it');
        waiting = true;
    });
    pgPool.on('connect', () => {
        waiting = false;
    });
    // An idle connection dropped by a PostgreSQL restart must not crash the process.
    // Once the pool is ending, its connections' errors are expected: pg's end() resolves when it
    // has asked its connections to close, and a PostgreSQL stopped right after (the embedded one,
    // at shutdown) may terminate them first.
    let poolEnding = false;
    const warnUnlessEnding = (what) => (error) => {
        if (!poolEnding)
            log.warn({ err: { message: error.message } }, what);
    };
    pgPool.on('error', warnUnlessEnding('worker pool connection error'));
    pgPool.on('connect', (client) => client.on('error', warnUnlessEnding('worker connection error')));
    const graphileLogger = new graphile_worker_1.Logger(() => (level, message) => {
        if (level === 'error')
            log.error({ graphile: true }, message);
        else if (level === 'warning')
            log.warn({ graphile: true }, message);
    });
    let utils;
    let runner;
    const timers = [];
    const startRunner = () => (0, graphile_worker_1.run)({
        pgPool,
        concurrency: options.concurrency,
        noHandleSignals: true,
        pollInterval: 2_000,
        // WORKER_FETCH_BATCH > 1: graphile-worker's local queue fetches and locks that many jobs at
        // once and hands them to this process's workers without a round trip each; jobs no worker
        // here takes within 1 s go back for other processes.
        ...(config.workerFetchBatch > 1 ? { preset: { worker: { localQueue: { size: config.workerFetchBatch, ttl: 1_000 } } } } : {}),
        logger: graphileLogger,
        events: events,
        // graphile-worker's crontab runs each due line once across all workers.
        crontab: [event_retention_job_1.EVENT_RETENTION_CRONTAB, ...(options.crontab === undefined ? [] : [options.crontab])].join('\n'),
        taskList: {
            [task_jobs_1.JOB_RUN_TASK]: (0, task_run_job_1.taskRunJob)(executor),
            [task_jobs_1.JOB_START_AGENT]: (0, agent_start_job_1.agentStartJob)(services, workerId, (agentId) => (0, agent_log_writer_1.agentLogWriter)(services, systemActor, agentId, null)),
            [event_retention_job_1.EVENT_RETENTION_TASK]: (0, event_retention_job_1.eventRetentionJob)(services.eventRetention),
            ...options.extraTasks,
        },
    });
    try {
        utils = await (0, graphile_worker_1.makeWorkerUtils)({ pgPool, logger: graphileLogger });
        await services.liveness.beat(workerId, graphileWorkerIds);
        runner = await startRunner();
        // Now with the ids of the running pool: a death before the next beat still frees its jobs.
        await services.liveness.beat(workerId, graphileWorkerIds);
    }
    catch (error) {
        await runner?.stop().catch(() => undefined);
        await utils?.release();
        await pgPool.end();
        throw error;
    }
    const workerUtils = utils;
    let activeRunner = runner;
    /** Set by `stop()`: once it is, nothing starts a runner any more. */
    let stopping;
    let restartTimer;
    let replacing;
    /**
     * graphile-worker's runner can end on its own: its pool gives up after failing to hand jobs
     * back for ~6 minutes (WORKER_FETCH_BATCH's local queue) or on an error it deems fatal. Left
     * alone, this process would go on beating while it runs nothing, and the jobs that pool had
     * locked would stay locked for 4 hours. So they are freed and a new runner takes over, tried
     * again every `RESTART_RETRY_MS` until PostgreSQL lets it start.
     */
    const supervise = (current) => {
        const ended = (error) => {
            if (stopping !== undefined || current !== activeRunner)
                return;
            log.error({ err: error }, 'graphile-worker stopped on its own; starting it again');
            replaceRunner();
        };
        current.promise.then(() => ended(), ended);
    };
    const replaceRunner = () => {
        restartTimer = undefined;
        replacing = (async () => {
            try {
                // Every pool this process had is gone: what they locked is free for anyone, this process included.
                await workerUtils.forceUnlockWorkers([...graphileWorkerIds]);
                const next = await startRunner();
                if (stopping !== undefined) {
                    await next.stop();
                    return;
                }
                activeRunner = next;
                supervise(next);
                await services.liveness.beat(workerId, graphileWorkerIds).catch(() => undefined);
                log.info('graphile-worker running again');
            }
            catch (error) {
                if (stopping !== undefined)
                    return;
                log.warn({ err: { message: error instanceof Error ? error.message : String(error) } }, `graphile-worker could not start again; trying again in ${RESTART_RETRY_MS} ms`);
                restartTimer = setTimeout(replaceRunner, RESTART_RETRY_MS);
            }
        })();
    };
    supervise(activeRunner);
    const every = (ms, name, work) => {
        let busy = false;
        const timer = setInterval(() => {
            if (busy)
                return;
            busy = true;
            work()
                .catch((error) => log.warn({ err: error }, `${name} failed; it runs again shortly`))
                .finally(() => {
                busy = false;
            });
        }, ms);
        timer.unref();
        timers.push(timer);
    };
    // While PostgreSQL is away nobody's heartbeat lands: a worker judges others' silence only while
    // its own beats land, and after a gap of its own longer than WORKER_STALE_MS only once the
    // others have had as long to beat again.
    let lastBeatAt = Date.now();
    let judgesFrom = lastBeatAt;
    every(config.workerHeartbeatMs, 'heartbeat', async () => {
        await services.liveness.beat(workerId, graphileWorkerIds);
        const now = Date.now();
        if (now - lastBeatAt > config.workerStaleMs)
            judgesFrom = now + config.workerStaleMs;
        lastBeatAt = now;
    });
    every(config.workerHeartbeatMs, 'dead-worker sweep', async () => {
        if (Date.now() < judgesFrom || Date.now() - lastBeatAt > config.workerStaleMs)
            return;
        const dead = await services.liveness.takeOverDead(systemActor, config.workerStaleMs, workerId);
        const ids = dead.flatMap((worker) => worker.graphileWorkerIds);
        if (ids.length > 0)
            await workerUtils.forceUnlockWorkers(ids);
        for (const worker of dead)
            log.warn({ deadWorker: worker.workerId }, 'took over the tasks of a dead worker');
    });
    every(1_000, 'blocked-task sweep', () => executor.wakeStalled(systemActor));
    const sweep = (0, schedule_sweep_job_1.scheduleSweep)(services, workerId);
    every(config.schedulerIntervalMs, 'scheduler', () => sweep());
    return {
        workerId,
        executor,
        graphileRunner: () => activeRunner,
        sweepSchedules: (now) => sweep(now),
        stop() {
            stopping ??= (async () => {
                if (restartTimer !== undefined)
                    clearTimeout(restartTimer);
                // A runner being started now is stopped by its starter, before the pool goes.
                await replacing;
                for (const timer of timers)
                    clearInterval(timer);
                const handBack = setTimeout(() => executor.abortAll(), options.drainMs ?? 10_000);
                handBack.unref();
                // A runner that ended on its own is stopped already.
                await activeRunner.stop().catch(() => undefined);
                clearTimeout(handBack);
                executor.stop();
                await services.liveness.stopped(workerId).catch(() => undefined);
                // The events of the last claims and outcomes get their cursors before the pool goes.
                await services.changes.sequencer.stop();
                await workerUtils.release();
                poolEnding = true;
                await pgPool.end();
            })();
            return stopping;
        },
    };
}
//# sourceMappingURL=worker-process.js.map