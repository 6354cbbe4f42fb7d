import { distribute, runningAgent, taskReaches } from '../../support/agents';
import { startOwnRedis, type OwnRedis } from '../../support/redis-server';
import { startTestServer, type TestServer } from '../../support/test-server';
import { waitFor } from '../../support/wait-for';
import { wsClient } from '../../support/ws-client';

const HEALTH = `query ($id: ID!) { agent(id: $id) { status health { status succeededTasks queuedTasks runningTasks } } }`;

describe('agent health through the Redis status cache', () => {
  let redis: OwnRedis;
  let server: TestServer;
  let agentId: string;
  beforeAll(async () => {
    redis = await startOwnRedis();
    server = await startTestServer({ env: { RUN_WORKER: 'true', REDIS_URL: redis.url } });
    agentId = await runningAgent(server.admin, 'cached');
  });
  afterAll(async () => {
    await server.close();
    await redis.stop();
  });

  it('shows a finished task in health right after it committed, though health is cached', async () => {
    await server.admin.data(HEALTH, { id: agentId });
    const task = await distribute(server.admin, { type: 'noop', agentId });
    await taskReaches(server.admin, task.id, ['SUCCEEDED']);
    // The task's events invalidate the cached entry: no waiting for the cache to expire.
    await waitFor(async () => ((await server.admin.data<any>(HEALTH, { id: agentId })).agent.health.succeededTasks === 1 ? true : undefined), 'health to count the task', 2_000);
  });

  it('keeps answering from PostgreSQL while Redis is down, and readyz says so', async () => {
    await redis.stop();
    const task = await distribute(server.admin, { type: 'noop', agentId });
    await taskReaches(server.admin, task.id, ['SUCCEEDED']);
    const { agent } = await server.admin.data<any>(HEALTH, { id: agentId });
    expect(agent.health).toMatchObject({ status: 'RUNNING', succeededTasks: 2 });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(JSON.stringify(await ready.json())).toContain('redis');
    await redis.start();
    await waitFor(async () => ((await fetch(`${server.url}/readyz`)).status === 200 ? true : undefined), 'readyz 200 once Redis is back', 15_000);
  });

  it('shows another process\'s change in health as soon as this process heard of it, though Redis still held the figures from before', async () => {
    // Another API process of the same deployment, sharing the database and the status cache.
    const other = await startTestServer({ db: server.db, env: { REDIS_URL: redis.url, REDIS_PREFIX: server.redisPrefix, DATA_DIR: server.dataDir, ADMIN_API_KEY: server.adminKey } });
    const client = wsClient(other.wsUrl, server.adminKey);
    try {
      const otherAdmin = other.as(server.adminKey);
      const before = (await otherAdmin.data<any>(HEALTH, { id: agentId })).agent.health.succeededTasks as number;
      // This process's worker changes the agent; the other process hears it through its relay, while the
      // shared entry may still be there (shared drops go out once per window, not per change).
      const succeeded = new Promise<void>((resolve, reject) => {
        client.subscribe<{ taskUpdated: { status: string } }>(
          { query: `subscription ($agentId: ID) { taskUpdated(agentId: $agentId) { status } }`, variables: { agentId } },
          { next: (value) => value.data?.taskUpdated.status === 'SUCCEEDED' && resolve(), error: reject, complete: () => undefined },
        );
      });
      await waitFor(async () => ((await otherAdmin.data<any>(`{ __typename }`)) ? true : undefined), 'the other process to answer');
      const task = await distribute(server.admin, { type: 'noop', agentId });
      await succeeded;
      const { agent } = await otherAdmin.data<any>(HEALTH, { id: agentId });
      expect(agent.health.succeededTasks).toBe(before + 1);
      await taskReaches(server.admin, task.id, ['SUCCEEDED']);
    } finally {
      await client.dispose();
      // Its API only: the database, data folder and keys are this server's, closed by afterAll.
      await other.api.close();
    }
  });
});
