import { distribute, runningAgent, taskReaches, taskState } from '../../support/agents';
import { errorCode } from '../../support/graphql-client';
import { startTestServer, type TestServer } from '../../support/test-server';
import { waitFor } from '../../support/wait-for';

const AGENT = `query ($id: ID!) { agent(id: $id) { status statusReason } }`;

describe('agent lifecycle', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { RUN_WORKER: 'true' } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('returns STARTING from startAgent and reaches RUNNING through the worker', async () => {
    const { createAgent } = await server.admin.data<{ createAgent: { id: string } }>(`mutation { createAgent(input: { name: "starter", type: "health-check", config: {} }) { id } }`);
    const started = await server.admin.data<{ startAgent: { status: string } }>(`mutation ($id: ID!) { startAgent(id: $id) { status } }`, { id: createAgent.id });
    expect(started.startAgent.status).toBe('STARTING');
    await waitFor(async () => ((await server.admin.data<any>(AGENT, { id: createAgent.id })).agent.status === 'RUNNING' ? true : undefined), 'RUNNING');
  });

  it('refuses illegal transitions with CONFLICT', async () => {
    const id = await runningAgent(server.admin, 'strict');
    expect(errorCode(await server.admin.request(`mutation ($id: ID!) { startAgent(id: $id) { status } }`, { id }))).toBe('CONFLICT');
    await server.admin.data(`mutation ($id: ID!) { stopAgent(id: $id) { status } }`, { id });
    expect(errorCode(await server.admin.request(`mutation ($id: ID!) { stopAgent(id: $id) { status } }`, { id }))).toBe('CONFLICT');
    const { createAgent } = await server.admin.data<{ createAgent: { id: string } }>(`mutation { createAgent(input: { name: "fresh", type: "health-check", config: {} }) { id } }`);
    expect(errorCode(await server.admin.request(`mutation ($id: ID!) { stopAgent(id: $id) { status } }`, { id: createAgent.id }))).toBe('CONFLICT');
  });

  it('lets running tasks finish, cancels queued ones, then reaches STOPPED when stopped', async () => {
    const id = await runningAgent(server.admin, 'stopper', 1);
    const running = await distribute(server.admin, { type: 'noop', agentId: id, payload: { sleepMs: 1_500, output: 'finished' } });
    await taskReaches(server.admin, running.id, ['RUNNING']);
    const queued = await Promise.all([1, 2, 3].map(() => distribute(server.admin, { type: 'noop', agentId: id })));
    const stopped = await server.admin.data<{ stopAgent: { status: string } }>(`mutation ($id: ID!) { stopAgent(id: $id) { status } }`, { id });
    expect(stopped.stopAgent.status).toBe('STOPPING');
    for (const task of queued) expect((await taskState(server.admin, task.id)).status).toBe('CANCELLED');
    const done = await taskReaches(server.admin, running.id, ['SUCCEEDED', 'FAILED', 'CANCELLED']);
    expect(done).toMatchObject({ status: 'SUCCEEDED', result: { output: 'finished' } });
    await waitFor(async () => ((await server.admin.data<any>(AGENT, { id })).agent.status === 'STOPPED' ? true : undefined), 'STOPPED');
    expect(errorCode(await server.admin.request(`mutation ($id: ID!) { distributeTask(input: { type: "noop", agentId: $id }) { id } }`, { id }))).toBe('AGENT_NOT_RUNNING');
    // It can be started again.
    await server.admin.data(`mutation ($id: ID!) { startAgent(id: $id) { status } }`, { id });
    await waitFor(async () => ((await server.admin.data<any>(AGENT, { id })).agent.status === 'RUNNING' ? true : undefined), 'RUNNING again');
  });

  it('refuses to delete an agent while its tasks run', async () => {
    const id = await runningAgent(server.admin, 'busy');
    const task = await distribute(server.admin, { type: 'noop', agentId: id, payload: { sleepMs: 1_000 } });
    await taskReaches(server.admin, task.id, ['RUNNING']);
    expect(errorCode(await server.admin.request(`mutation ($id: ID!) { deleteAgent(id: $id) }`, { id }))).toBe('CONFLICT');
    await taskReaches(server.admin, task.id, ['SUCCEEDED']);
    await server.admin.data(`mutation ($id: ID!) { stopAgent(id: $id) { status } }`, { id });
    expect(await server.admin.data(`mutation ($id: ID!) { deleteAgent(id: $id) }`, { id })).toEqual({ deleteAgent: true });
    expect((await taskState(server.admin, task.id)).status).toBe('SUCCEEDED');
  });

  it('runs higher-priority tasks first when they wait for a slot', async () => {
    const id = await runningAgent(server.admin, 'ordered', 1);
    const blocker = await distribute(server.admin, { type: 'noop', agentId: id, payload: { sleepMs: 800 } });
    await taskReaches(server.admin, blocker.id, ['RUNNING']);
    const low = await distribute(server.admin, { type: 'noop', agentId: id, priority: 1 });
    const high = await distribute(server.admin, { type: 'noop', agentId: id, priority: 9 });
    const [lowDone, highDone] = [await taskReaches(server.admin, low.id, ['SUCCEEDED']), await taskReaches(server.admin, high.id, ['SUCCEEDED'])];
    expect(new Date(highDone.startedAt!).getTime()).toBeLessThanOrEqual(new Date(lowDone.startedAt!).getTime());
  });
});
