import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { distribute, runningAgent, taskReaches, taskState } from '../../support/agents';
import { errorCode } from '../../support/graphql-client';
import { sql } from '../../support/test-database';
import { startTestServer, type TestServer } from '../../support/test-server';

/** A local HTTP endpoint that never answers, and tells when a client gave up on it. */
function hangingEndpoint(): Promise<{ server: Server; url: string; aborted: Promise<void> }> {
  return new Promise((resolve) => {
    let signalAborted!: () => void;
    const aborted = new Promise<void>((done) => (signalAborted = done));
    const server = createServer((request) => request.on('close', () => signalAborted()));
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slow`, aborted }));
  });
}

describe('task execution on an in-process worker', () => {
  let server: TestServer;
  let agentId: string;
  beforeAll(async () => {
    server = await startTestServer({ env: { RUN_WORKER: 'true', TASK_RETRY_BASE_MS: '50' } });
    agentId = await runningAgent(server.admin, 'runner', 8);
  });
  afterAll(async () => {
    await server.close();
  });

  it('runs a noop task to SUCCEEDED with its result, timing and one attempt', async () => {
    const queued = await distribute(server.admin, { type: 'noop', agentId, payload: { sleepMs: 20, output: { answer: 42 } } });
    expect(queued.status).toBe('QUEUED');
    const done = await taskReaches(server.admin, queued.id, ['SUCCEEDED', 'FAILED']);
    expect(done).toMatchObject({ status: 'SUCCEEDED', attempts: 1, result: { output: { answer: 42 }, attempt: 1 }, error: null });
    expect(done.durationMs).toBeGreaterThanOrEqual(20);
    expect(new Date(done.completedAt!).getTime()).toBeGreaterThanOrEqual(new Date(done.startedAt!).getTime());
  });

  it('retries a failing task and succeeds on the third attempt when failTimes is 2', async () => {
    const queued = await distribute(server.admin, { type: 'noop', agentId, maxAttempts: 3, payload: { failTimes: 2, output: 'ok' } });
    const done = await taskReaches(server.admin, queued.id, ['SUCCEEDED', 'FAILED']);
    expect(done).toMatchObject({ status: 'SUCCEEDED', attempts: 3, result: { output: 'ok', attempt: 3 } });
  });

  it('fails with the handler error after maxAttempts when the task keeps failing', async () => {
    const queued = await distribute(server.admin, { type: 'noop', agentId, maxAttempts: 2, payload: { failTimes: 5 } });
    const done = await taskReaches(server.admin, queued.id, ['SUCCEEDED', 'FAILED']);
    expect(done.status).toBe('FAILED');
    expect(done.attempts).toBe(2);
    expect(done.error).toContain('failing attempt 2');
  });

  it('aborts the handler when timeoutSeconds passes, and the handler observes the abort', async () => {
    const endpoint = await hangingEndpoint();
    try {
      const queued = await distribute(server.admin, { type: 'http.check', agentId, maxAttempts: 1, timeoutSeconds: 1, payload: { url: endpoint.url, timeoutMs: 600_000 } });
      const done = await taskReaches(server.admin, queued.id, ['SUCCEEDED', 'FAILED']);
      expect(done.status).toBe('FAILED');
      expect(done.error).toContain('timed out after 1 s');
      // The HTTP request the handler made was torn down: the abort reached the handler's fetch.
      await endpoint.aborted;
    } finally {
      endpoint.server.closeAllConnections();
      endpoint.server.close();
    }
  });

  it('cancels a RUNNING task by aborting its handler', async () => {
    const queued = await distribute(server.admin, { type: 'noop', agentId, payload: { sleepMs: 60_000 } });
    await taskReaches(server.admin, queued.id, ['RUNNING']);
    const cancelled = await server.admin.data<{ cancelTask: { status: string } }>(`mutation ($id: ID!) { cancelTask(id: $id) { status } }`, { id: queued.id });
    expect(['RUNNING', 'CANCELLED']).toContain(cancelled.cancelTask.status);
    const done = await taskReaches(server.admin, queued.id, ['CANCELLED', 'SUCCEEDED', 'FAILED'], 10_000);
    expect(done.status).toBe('CANCELLED');
    expect(done.durationMs!).toBeLessThan(30_000);
  });

  it('cancels a QUEUED task so that it never runs', async () => {
    const queued = await distribute(server.admin, { type: 'noop', agentId, runAt: new Date(Date.now() + 60_000).toISOString() });
    await server.admin.data(`mutation ($id: ID!) { cancelTask(id: $id) { status } }`, { id: queued.id });
    const task = await taskState(server.admin, queued.id);
    expect(task).toMatchObject({ status: 'CANCELLED', attempts: 0, startedAt: null });
    const retried = await server.admin.data<{ retryTask: { status: string } }>(`mutation ($id: ID!) { retryTask(id: $id) { status } }`, { id: queued.id });
    expect(retried.retryTask.status).toBe('QUEUED');
    expect((await taskReaches(server.admin, queued.id, ['SUCCEEDED'])).attempts).toBe(1);
  });

  it('returns the first task for a second call with the same idempotency key', async () => {
    const first = await distribute(server.admin, { type: 'noop', agentId, idempotencyKey: 'nightly-2026-11-24' });
    const second = await distribute(server.admin, { type: 'noop', agentId, idempotencyKey: 'nightly-2026-11-24' });
    expect(second.id).toBe(first.id);
    const rows = await sql<{ count: number }>(server.db.url, `SELECT count(*)::int AS count FROM agent_tasks WHERE idempotency_key = 'nightly-2026-11-24'`);
    expect(rows[0]!.count).toBe(1);
  });

  it('returns one task to every call when calls with the same idempotency key race', async () => {
    const key = `race-${Date.now()}`;
    const tasks = await Promise.all(Array.from({ length: 8 }, () => distribute(server.admin, { type: 'noop', agentId, idempotencyKey: key })));
    expect(new Set(tasks.map((task) => task.id)).size).toBe(1);
    const rows = await sql<{ count: number }>(server.db.url, 'SELECT count(*)::int AS count FROM agent_tasks WHERE idempotency_key = $1', [key]);
    expect(rows[0]!.count).toBe(1);
  });

  it('does not start a task before its runAt', async () => {
    const runAt = new Date(Date.now() + 1_500);
    const queued = await distribute(server.admin, { type: 'noop', agentId, runAt: runAt.toISOString() });
    const done = await taskReaches(server.admin, queued.id, ['SUCCEEDED']);
    expect(new Date(done.startedAt!).getTime()).toBeGreaterThanOrEqual(runAt.getTime() - 5);
  });

  it('refuses tasks with the contract codes and writes nothing', async () => {
    // Tasks of the earlier tests may still be finishing: their events (which name their task) are
    // not counted; any other event is.
    const counts = `SELECT (SELECT count(*) FROM agent_tasks)::int AS tasks,
      (SELECT count(*) FROM events e WHERE e.task_id IS NULL OR NOT EXISTS (SELECT 1 FROM agent_tasks t WHERE t.id = e.task_id))::int AS events`;
    const before = await sql<{ tasks: number; events: number }>(server.db.url, counts);
    const { createAgent } = await server.admin.data<{ createAgent: { id: string } }>(`mutation { createAgent(input: { name: "idle", type: "health-check", config: {} }) { id } }`);
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'noop', agentId: createAgent.id }, 'AGENT_NOT_RUNNING'],
      [{ type: 'guardduty.collect-findings', agentId }, 'BAD_USER_INPUT'],
      [{ type: 'no-such-task' }, 'BAD_USER_INPUT'],
      [{ type: 'noop', agentType: 'no-such-type' }, 'BAD_USER_INPUT'],
      [{ type: 'noop', agentId, payload: { sleepMs: -1 } }, 'BAD_USER_INPUT'],
      [{ type: 'noop', agentId, maxAttempts: 0 }, 'BAD_USER_INPUT'],
      [{ type: 'noop', agentId, timeoutSeconds: 0 }, 'BAD_USER_INPUT'],
      [{ type: 'noop', agentId: 'not-a-uuid' }, 'BAD_USER_INPUT'],
      [{ type: 'noop', agentId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND'],
    ];
    for (const [input, code] of cases) {
      const response = await server.admin.request(`mutation ($input: DistributeTaskInput!) { distributeTask(input: $input) { id } }`, { input });
      expect({ input, code: errorCode(response) }).toEqual({ input, code });
    }
    const after = await sql<{ tasks: number; events: number }>(server.db.url, counts);
    expect(after[0]!.tasks).toBe(before[0]!.tasks);
    expect(after[0]!.events).toBe(before[0]!.events + 1); // only createAgent's event
  });

  it('routes by agentType to the least-loaded RUNNING agent, and says NO_AGENT_AVAILABLE when none runs', async () => {
    const routed = await distribute(server.admin, { type: 'noop', agentType: 'health-check' });
    expect(routed.status).toBe('QUEUED');
    await taskReaches(server.admin, routed.id, ['SUCCEEDED']);
    const isolated = await startTestServer({ env: { RUN_WORKER: 'false' } });
    try {
      const response = await isolated.admin.request(`mutation { distributeTask(input: { type: "noop" }) { id } }`);
      expect(errorCode(response)).toBe('NO_AGENT_AVAILABLE');
    } finally {
      await isolated.close();
    }
  });

  it('keeps health and metrics in line with the tasks that ran', async () => {
    const fresh = await runningAgent(server.admin, 'counted', 4);
    const ok = await Promise.all([1, 2, 3].map(() => distribute(server.admin, { type: 'noop', agentId: fresh, payload: { sleepMs: 5 } })));
    const bad = await distribute(server.admin, { type: 'noop', agentId: fresh, maxAttempts: 1, payload: { failTimes: 1 } });
    for (const task of [...ok, bad]) await taskReaches(server.admin, task.id, ['SUCCEEDED', 'FAILED']);
    const { agent } = await server.admin.data<any>(
      `query ($id: ID!) { agent(id: $id) { lastActiveAt health { status queuedTasks runningTasks succeededTasks failedTasks successRate avgTaskMs lastError }
        metrics(name: "task.succeeded") { count sum } failed: metrics(name: "task.failed") { count } } }`,
      { id: fresh },
    );
    expect(agent.health).toMatchObject({ status: 'RUNNING', queuedTasks: 0, runningTasks: 0, succeededTasks: 3, failedTasks: 1, successRate: 0.75 });
    expect(agent.health.lastError).toContain('failing attempt 1');
    expect(agent.lastActiveAt).not.toBeNull();
    expect(agent.metrics.reduce((sum: number, point: { sum: number }) => sum + point.sum, 0)).toBe(3);
    expect(agent.failed.reduce((sum: number, point: { count: number }) => sum + point.count, 0)).toBe(1);
    const prom = await (await fetch(`${server.url}/metrics`)).text();
    expect(prom).toMatch(/velocity_tasks\{status="SUCCEEDED"\} \d+/);
  });
});
