import { setTimeout as delay } from 'node:timers/promises';
import { distribute, runningAgent } from '../support/agents';
import { sql } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';
import { quickWorkerEnv, spawnWorker, type MainProcess, type SpawnedWorker } from '../support/main-process';

// BullMQ's stalled-job tests, our way: two worker processes, 500 tasks with random sleeps, and
// a worker SIGKILLed every ~3 s (a fresh one started in its place) until all are done. Every
// task must end SUCCEEDED exactly once, and each killed worker's tasks run again within 60 s.

const TASKS = 500;
const KILL_EVERY_MS = 3_000;

interface Kill {
  workerId: string;
  at: number;
  /** Tasks the dead worker left RUNNING. */
  orphans: string[];
}

describe('worker processes SIGKILLed under load', () => {
  let server: TestServer;
  const processes: MainProcess[] = [];

  beforeAll(async () => {
    server = await startTestServer({ env: { RUN_WORKER: 'false', MUTATION_RATE_BURST: '100000', MUTATION_RATE_PER_SECOND: '100000' } });
  });
  afterAll(async () => {
    await Promise.all(processes.map((process) => process.stop()));
    await server?.close();
  });

  const start = async (): Promise<SpawnedWorker> => {
    const worker = await spawnWorker(quickWorkerEnv(server.db.url, server.dataDir));
    processes.push(worker.process);
    return worker;
  };
  const unfinished = async (): Promise<number> =>
    Number((await sql<{ n: string }>(server.db.url, `SELECT count(*) AS n FROM agent_tasks WHERE status NOT IN ('SUCCEEDED', 'FAILED', 'CANCELLED')`))[0]!.n);

  /** What the unfinished tasks and their jobs look like, for a failure message. */
  const stuck = async (): Promise<string> =>
    JSON.stringify(
      await sql(
        server.db.url,
        `SELECT t.id, t.status, t.attempts, t.worker_id, t.blocked_at, t.run_at, j.run_at AS job_run_at, j.attempts AS job_attempts, j.locked_by, j.last_error
         FROM agent_tasks t LEFT JOIN graphile_worker._private_jobs j ON j.key = t.id::text
         WHERE t.status NOT IN ('SUCCEEDED', 'FAILED', 'CANCELLED') LIMIT 10`,
      ),
    );

  it('ends every one of 500 tasks SUCCEEDED exactly once, each killed worker\'s tasks running again within 60 s', async () => {
    const workers = await Promise.all([start(), start()]);
    const agents = await Promise.all([runningAgent(server.admin, 'kill-a', 200), runningAgent(server.admin, 'kill-b', 200)]);
    let submitted = false;
    const submitting = (async () => {
      for (let batch = 0; batch < TASKS / 25; batch += 1) {
        await Promise.all(
          Array.from({ length: 25 }, (_, index) =>
            distribute(server.admin, { type: 'noop', agentId: agents[index % 2], maxAttempts: 10, payload: { sleepMs: Math.floor(Math.random() * 301) } }),
          ),
        );
      }
      submitted = true;
    })();

    const kills: Kill[] = [];
    const began = Date.now();
    for (let turn = 0; !submitted || (await unfinished()) > 0; turn += 1) {
      // The fault schedule itself: nothing to await but the clock.
      await delay(KILL_EVERY_MS);
      if (submitted && (await unfinished()) === 0) break;
      if (Date.now() - began > 120_000) throw new Error(`still ${await unfinished()} unfinished task(s) after 120 s: ${await stuck()}`);
      const slot = turn % workers.length;
      const victim = workers[slot]!;
      victim.process.child.kill('SIGKILL');
      const at = Date.now();
      await victim.process.exited;
      // Dead, so what it left RUNNING stays so until a live worker takes it over (after 1.5 s of silence).
      const orphans = await sql<{ id: string }>(server.db.url, `SELECT id FROM agent_tasks WHERE status = 'RUNNING' AND worker_id = $1`, [victim.workerId]);
      kills.push({ workerId: victim.workerId, at, orphans: orphans.map((row) => row.id) });
      workers[slot] = await start();
    }
    await submitting;
    await waitFor(async () => ((await unfinished()) === 0 ? true : undefined), 'every task to finish', 90_000);

    const byStatus = await sql<{ status: string; n: string }>(server.db.url, 'SELECT status, count(*) AS n FROM agent_tasks GROUP BY status');
    expect(byStatus.map((row) => [row.status, Number(row.n)])).toEqual([['SUCCEEDED', TASKS]]);
    // Events get their cursors right after their commit, or within a second (the sequencer's poll) when that pass failed.
    await waitFor(async () => ((await sql(server.db.url, 'SELECT 1 FROM event_outbox LIMIT 1')).length === 0 ? true : undefined), 'every event to have its cursor', 10_000);
    const finals = await sql<{ n: string }>(
      server.db.url,
      `SELECT count(*) AS n FROM events WHERE kind = 'TASK_STATUS' AND status = 'SUCCEEDED' GROUP BY task_id`,
    );
    expect(finals).toHaveLength(TASKS);
    expect(finals.every((row) => row.n === '1')).toBe(true);

    expect(kills.length).toBeGreaterThanOrEqual(2);
    expect(kills.filter((kill) => kill.orphans.length > 0).length).toBeGreaterThanOrEqual(1);
    const recoveries: number[] = [];
    for (const kill of kills) {
      for (const taskId of kill.orphans) {
        const rows = await sql<{ ms: string }>(
          server.db.url,
          `SELECT (extract(epoch FROM min(at)) * 1000 - $2::float8)::text AS ms FROM events
           WHERE kind = 'TASK_STATUS' AND task_id = $1 AND status = 'RUNNING' AND at > to_timestamp($2::float8 / 1000)`,
          [taskId, kill.at],
        );
        expect(rows[0]!.ms).not.toBeNull();
        recoveries.push(Number(rows[0]!.ms));
      }
    }
    expect(Math.max(...recoveries)).toBeLessThan(60_000);
    const retried = await sql<{ n: string }>(server.db.url, `SELECT count(*) AS n FROM agent_tasks WHERE id = ANY($1::uuid[]) AND attempts >= 2`, [kills.flatMap((kill) => kill.orphans)]);
    expect(Number(retried[0]!.n)).toBe(recoveries.length);
  }, 300_000);
});
