import { distribute, runningAgent, taskReaches } from '../support/agents';
import { cleanEnv, spawnMain, type MainProcess } from '../support/main-process';
import { sql } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';

/** Starts `npm run worker`'s entry point against the test server's database and keys. */
async function spawnWorker(server: TestServer): Promise<{ process: MainProcess; workerId: string }> {
  const child = spawnMain(
    cleanEnv({
      DATABASE_URL: server.db.url,
      DATA_DIR: server.dataDir,
      LOG_LEVEL: 'warn',
      WORKER_CONCURRENCY: '5',
      WORKER_HEARTBEAT_MS: '300',
      WORKER_STALE_MS: '1500',
      TASK_RETRY_BASE_MS: '50',
    }),
    'dist/src/worker-main.js',
  );
  const match = await child.waitForStdout(/velocity worker (\S+) running/, 30_000);
  return { process: child, workerId: match[1]! };
}

interface StatusEvent {
  task_id: string;
  status: string;
  previous_status: string | null;
  actor: string;
}

async function taskEvents(server: TestServer, agentId: string): Promise<StatusEvent[]> {
  return sql<StatusEvent>(server.db.url, `SELECT task_id, status, previous_status, actor FROM events WHERE kind = 'TASK_STATUS' AND agent_id = $1 ORDER BY cursor`, [agentId]);
}

describe('worker processes sharing one database', () => {
  let server: TestServer;
  const workers: MainProcess[] = [];
  beforeAll(async () => {
    server = await startTestServer({ env: { RUN_WORKER: 'false' } });
  });
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await server.close();
  });

  it('never runs more of an agent\'s tasks at once than its maxConcurrency, across two workers', async () => {
    const [first, second] = await Promise.all([spawnWorker(server), spawnWorker(server)]);
    workers.push(first.process, second.process);
    const agentId = await runningAgent(server.admin, 'capped', 2);
    const tasks = await Promise.all(Array.from({ length: 10 }, () => distribute(server.admin, { type: 'noop', agentId, payload: { sleepMs: 150 } })));
    for (const task of tasks) await taskReaches(server.admin, task.id, ['SUCCEEDED'], 30_000);
    // Cursors follow commit order, so replaying the events gives the true number running at each moment.
    let running = 0;
    let peak = 0;
    for (const event of await taskEvents(server, agentId)) {
      if (event.status === 'RUNNING') running += 1;
      if (event.previous_status === 'RUNNING') running -= 1;
      peak = Math.max(peak, running);
    }
    expect(peak).toBe(2);
    const runners = new Set((await taskEvents(server, agentId)).filter((event) => event.status === 'RUNNING').map((event) => event.actor));
    expect([...runners].every((actor) => actor === `worker:${first.workerId}` || actor === `worker:${second.workerId}`)).toBe(true);
  });

  it('takes over a SIGKILLed worker\'s running tasks within 60 s, finishing each exactly once', async () => {
    const victim = await spawnWorker(server);
    workers.push(victim.process);
    const agentId = await runningAgent(server.admin, 'survivor', 20);
    const tasks = await Promise.all(Array.from({ length: 8 }, () => distribute(server.admin, { type: 'noop', agentId, maxAttempts: 3, payload: { sleepMs: 2_000 } })));
    const onVictim = await waitFor(async () => {
      const rows = await sql<{ id: string }>(server.db.url, `SELECT id FROM agent_tasks WHERE agent_id = $1 AND status = 'RUNNING' AND worker_id = $2`, [agentId, victim.workerId]);
      return rows.length > 0 ? rows.map((row) => row.id) : undefined;
    }, 'a task running on the worker to kill');
    victim.process.child.kill('SIGKILL');
    const killedAt = Date.now();
    await victim.process.exited;
    for (const task of tasks) await taskReaches(server.admin, task.id, ['SUCCEEDED'], 60_000);
    expect(Date.now() - killedAt).toBeLessThan(60_000);
    const events = await taskEvents(server, agentId);
    for (const task of tasks) expect(events.filter((event) => event.task_id === task.id && event.status === 'SUCCEEDED')).toHaveLength(1);
    const retried = await sql<{ id: string; attempts: number }>(server.db.url, 'SELECT id, attempts FROM agent_tasks WHERE id = ANY($1::uuid[])', [onVictim]);
    for (const row of retried) expect(row.attempts).toBeGreaterThanOrEqual(2);
  });
});
