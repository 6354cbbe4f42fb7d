import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { Logger as GraphileLogger, makeWorkerUtils, run, type Runner, type TaskList, type WorkerUtils } from 'graphile-worker';
import { agentStartJob } from '../jobs/agent-start.job';
import { EVENT_RETENTION_CRONTAB, EVENT_RETENTION_TASK, eventRetentionJob } from '../jobs/event-retention.job';
import { scheduleSweep } from '../jobs/schedule-sweep.job';
import { taskRunJob } from '../jobs/task-run.job';
import type { Services } from '../services';
import { JOB_RUN_TASK, JOB_START_AGENT } from '../services/tasks/task-jobs';
import { TaskExecutor } from '../services/tasks/task-executor';
import { agentLogWriter } from './agent-log-writer';
import { retryGraphileWhileUnavailable } from './graphile-retries';
import { PatientPool } from './patient-pool';
import { upkeepTables } from './table-upkeep';

/** How long a worker waits before trying again to start a graphile-worker runner that would not start, in ms. */
const RESTART_RETRY_MS = 5_000;

export interface WorkerOptions {
  databaseUrl: string;
  /** Jobs run at once. */
  concurrency: number;
  /** How long a stop lets running tasks finish before handing them back, in ms. Default 10_000. */
  drainMs?: number;
  /** Extra graphile-worker tasks (e.g. event retention) and a crontab for them. */
  extraTasks?: TaskList;
  crontab?: string;
}

export interface WorkerHandle {
  workerId: string;
  executor: TaskExecutor;
  /**
   * The graphile-worker runner running this worker's jobs now. When it stops on its own (its
   * pool gives up after a long outage, with WORKER_FETCH_BATCH), a new one replaces it.
   */
  graphileRunner(): Runner;
  /** Runs one scheduler sweep now at the given clock (tests drive time through this). */
  sweepSchedules(now?: Date): Promise<number>;
  /** Finishes or hands back running tasks, then releases everything, in reverse order. */
  stop(): Promise<void>;
}

/**
 * A worker: graphile-worker running our jobs, plus the loops graphile-worker lacks — a
 * heartbeat, the takeover of dead workers' tasks (forceUnlockWorkers), and the scheduler.
 */
export async function startWorker(services: Services, options: WorkerOptions): Promise<WorkerHandle> {
  const { config, logger } = services;
  const workerId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  // Events this process's changes leave in the outbox are numbered after each commit; the
  // poll also numbers what a crashed process left.
  services.changes.sequencer.start();
  const log = logger.child({ workerId });
  const evidenceFor = (actor: Parameters<typeof agentLogWriter>[1], agentId: string, taskId: string) => ({
    append: (record: Parameters<Services['evidence']['append']>[3]) => services.evidence.append(actor, agentId, taskId, record),
  });
  const executor = new TaskExecutor(
    {
      dataSource: services.dataSource,
      changes: services.changes,
      registry: services.registry,
      secretBox: services.secretBox,
      hooks: services.taskHooks,
      lifecycle: services.lifecycle,
      logger: log,
      retryBaseMs: config.taskRetryBaseMs,
      evidenceFor,
      agentLogger: (actor, agentId, taskId) => agentLogWriter(services, actor, agentId, taskId),
    },
    workerId,
  );
  const systemActor = { name: `worker:${workerId}`, correlationId: null };
  // Every id graphile-worker may lock jobs under, for forceUnlockWorkers after this process dies:
  // graphile-worker 0.17 locks fetched jobs under its pool's id, not its workers' ids.
  const graphileWorkerIds: string[] = [];
  const events = new EventEmitter();
  events.on('pool:create', ({ workerPool }: { workerPool: { id: string } }) => graphileWorkerIds.push(workerPool.id));
  events.on('worker:create', ({ worker }: { worker: { workerId: string } }) => graphileWorkerIds.push(worker.workerId));
  retryGraphileWhileUnavailable();
  // How long graphile-worker waits for a connection while PostgreSQL restarts, in ms.
  const connectPatienceMs = 120_000;
  let waiting = false;
  const pgPool = new PatientPool({ connectionString: options.databaseUrl, max: options.concurrency + 4, application_name: 'velocity-worker' }, connectPatienceMs, (error) => {
    if (!waiting) log.warn({ err: { message: (error as Error).message } }, 'PostgreSQL unavailable; the worker waits for it');
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
  const warnUnlessEnding =
    (what: string) =>
    (error: Error): void => {
      if (!poolEnding) log.warn({ err: { message: error.message } }, what);
    };
  pgPool.on('error', warnUnlessEnding('worker pool connection error'));
  pgPool.on('connect', (client) => client.on('error', warnUnlessEnding('worker connection error')));
  const graphileLogger = new GraphileLogger(() => (level, message) => {
    if (level === 'error') log.error({ graphile: true }, message);
    else if (level === 'warning') log.warn({ graphile: true }, message);
  });
  let utils: WorkerUtils | undefined;
  let runner: Runner | undefined;
  const timers: NodeJS.Timeout[] = [];
  const startRunner = (): Promise<Runner> =>
    run({
      pgPool,
      concurrency: options.concurrency,
      noHandleSignals: true,
      pollInterval: 2_000,
      // WORKER_FETCH_BATCH > 1: graphile-worker's local queue fetches and locks that many jobs at
      // once and hands them to this process's workers without a round trip each; jobs no worker
      // here takes within 1 s go back for other processes.
      ...(config.workerFetchBatch > 1 ? { preset: { worker: { localQueue: { size: config.workerFetchBatch, ttl: 1_000 } } } } : {}),
      logger: graphileLogger,
      events: events as never,
      // graphile-worker's crontab runs each due line once across all workers.
      crontab: [EVENT_RETENTION_CRONTAB, ...(options.crontab === undefined ? [] : [options.crontab])].join('\n'),
      taskList: {
        [JOB_RUN_TASK]: taskRunJob(executor) as TaskList[string],
        [JOB_START_AGENT]: agentStartJob(services, workerId, (agentId) => agentLogWriter(services, systemActor, agentId, null)) as TaskList[string],
        [EVENT_RETENTION_TASK]: eventRetentionJob(services.eventRetention),
        ...options.extraTasks,
      },
    });
  try {
    utils = await makeWorkerUtils({ pgPool, logger: graphileLogger });
    await services.liveness.beat(workerId, graphileWorkerIds);
    runner = await startRunner();
    // Now with the ids of the running pool: a death before the next beat still frees its jobs.
    await services.liveness.beat(workerId, graphileWorkerIds);
  } catch (error: unknown) {
    await runner?.stop().catch(() => undefined);
    await utils?.release();
    await pgPool.end();
    throw error;
  }
  const workerUtils = utils;
  let activeRunner = runner;
  /** Set by `stop()`: once it is, nothing starts a runner any more. */
  let stopping: Promise<void> | undefined;
  let restartTimer: NodeJS.Timeout | undefined;
  let replacing: Promise<void> | undefined;
  /**
   * graphile-worker's runner can end on its own: its pool gives up after failing to hand jobs
   * back for ~6 minutes (WORKER_FETCH_BATCH's local queue) or on an error it deems fatal. Left
   * alone, this process would go on beating while it runs nothing, and the jobs that pool had
   * locked would stay locked for 4 hours. So they are freed and a new runner takes over, tried
   * again every `RESTART_RETRY_MS` until PostgreSQL lets it start.
   */
  const supervise = (current: Runner): void => {
    const ended = (error?: unknown): void => {
      if (stopping !== undefined || current !== activeRunner) return;
      log.error({ err: error }, 'graphile-worker stopped on its own; starting it again');
      replaceRunner();
    };
    current.promise.then(() => ended(), ended);
  };
  const replaceRunner = (): void => {
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
      } catch (error: unknown) {
        if (stopping !== undefined) return;
        log.warn({ err: { message: error instanceof Error ? error.message : String(error) } }, `graphile-worker could not start again; trying again in ${RESTART_RETRY_MS} ms`);
        restartTimer = setTimeout(replaceRunner, RESTART_RETRY_MS);
      }
    })();
  };
  supervise(activeRunner);
  const every = (ms: number, name: string, work: () => Promise<unknown>): void => {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      work()
        .catch((error: unknown) => log.warn({ err: error }, `${name} failed; it runs again shortly`))
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
    if (now - lastBeatAt > config.workerStaleMs) judgesFrom = now + config.workerStaleMs;
    lastBeatAt = now;
  });
  every(config.workerHeartbeatMs, 'dead-worker sweep', async () => {
    if (Date.now() < judgesFrom || Date.now() - lastBeatAt > config.workerStaleMs) return;
    const dead = await services.liveness.takeOverDead(systemActor, config.workerStaleMs, workerId);
    const ids = dead.flatMap((worker) => worker.graphileWorkerIds);
    if (ids.length > 0) await workerUtils.forceUnlockWorkers(ids);
    for (const worker of dead) log.warn({ deadWorker: worker.workerId }, 'took over the tasks of a dead worker');
  });
  every(1_000, 'blocked-task sweep', () => executor.wakeStalled(systemActor));
  if (config.tableUpkeepIntervalMs > 0) {
    let told = false;
    every(config.tableUpkeepIntervalMs, 'table upkeep', async () => {
      const pass = await upkeepTables(pgPool);
      if (pass.kind === 'autovacuum-on' || told) return;
      told = true;
      log.info('PostgreSQL autovacuum is off: the workers vacuum and analyze the job, outbox and task tables themselves');
    });
  }
  const sweep = scheduleSweep(services, workerId);
  every(config.schedulerIntervalMs, 'scheduler', () => sweep());

  return {
    workerId,
    executor,
    graphileRunner: () => activeRunner,
    sweepSchedules: (now) => sweep(now),
    stop() {
      stopping ??= (async () => {
        if (restartTimer !== undefined) clearTimeout(restartTimer);
        // A runner being started now is stopped by its starter, before the pool goes.
        await replacing;
        for (const timer of timers) clearInterval(timer);
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
