import { distribute, runningAgent, taskReaches } from '../support/agents';
import { quickWorkerEnv, spawnWorker, type MainProcess, type SpawnedWorker } from '../support/main-process';
import { sql } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';

/** Starts `npm run worker`'s entry point against the test server's database and keys. */
function startWorker(server: TestServer): Promise<SpawnedWorker> {
  return spawnWorker(quickWorkerEnv(server.db.url, server.dataDir));
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

/** A describe block's test server, with no worker of its own; the worker processes its tests start are stopped after it. */
function serverWithoutWorker(): { server: TestServer; workers: MainProcess[] } {
  const shared = { server: undefined as unknown as TestServer, workers: [] as MainProcess[] };
  beforeAll(async () => {
    shared.server = await startTestServer({ env: { RUN_WORKER: 'false' } });
  });
  afterAll(async () => {
    await Promise.all(shared.workers.map((worker) => worker.stop()));
    await shared.server.close();
  });
  return shared;
}

describe('worker processes sharing one database', () => {
  const shared = serverWithoutWorker();

  it('never runs more of an agent\'s tasks at once than its maxConcurrency, across two workers', async () => {
    const { server, workers } = shared;
    const [first, second] = await Promise.all([startWorker(server), startWorker(server)]);
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
    const { server, workers } = shared;
    const victim = await startWorker(server);
    workers.push(victim.process);
    const agentId = await runningAgent(server.admin, 'survivor', 20);
    // More than the earlier test's two workers can hold (5 each), so the one to kill surely runs some.
    const tasks = await Promise.all(Array.from({ length: 16 }, () => distribute(server.admin, { type: 'noop', agentId, maxAttempts: 3, payload: { sleepMs: 2_000 } })));
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

describe('a worker process with WORKER_FETCH_BATCH', () => {
  const shared = serverWithoutWorker();

  it('hands the jobs it fetched back to an idle worker when its own are busy', async () => {
    const { server, workers } = shared;
    const batching = await spawnWorker({ ...quickWorkerEnv(server.db.url, server.dataDir), WORKER_CONCURRENCY: '1', WORKER_FETCH_BATCH: '5' });
    workers.push(batching.process);
    const agentId = await runningAgent(server.admin, 'batched', 5);
    // Queued in one transaction: the batching worker's next fetch locks all five, and it runs one.
    const { distributeTasks: tasks } = await server.admin.data<{ distributeTasks: { id: string }[] }>(
      `mutation ($inputs: [DistributeTaskInput!]!) { distributeTasks(inputs: $inputs) { id } }`,
      // Longer than the 1 s hand-back plus the idle worker's 2 s poll.
      { inputs: Array.from({ length: 5 }, () => ({ type: 'noop', agentId, payload: { sleepMs: 4_000 } })) },
    );
    await waitFor(async () => ((await taskEvents(server, agentId)).some((event) => event.status === 'RUNNING') ? true : undefined), 'a task running');
    const idle = await startWorker(server);
    workers.push(idle.process);
    for (const task of tasks) await taskReaches(server.admin, task.id, ['SUCCEEDED'], 30_000);
    const runners = (await taskEvents(server, agentId)).filter((event) => event.status === 'RUNNING').map((event) => event.actor);
    // It runs one job at a time: the four it held went back after 1 s and the idle worker ran them.
    expect(runners.filter((actor) => actor === `worker:${idle.workerId}`).length).toBeGreaterThanOrEqual(3);
  });
});
