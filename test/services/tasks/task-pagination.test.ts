import { runningAgent } from '../../support/agents';
import { startTestServer, type TestServer } from '../../support/test-server';

const PAGE = `query ($first: Int, $after: String, $agentId: ID) {
  tasks(first: $first, after: $after, filter: { agentId: $agentId }) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } }
}`;

describe('task lists', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { RUN_WORKER: 'true' } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('pages through tasks created in the same instant without skipping or repeating one', async () => {
    const agentId = await runningAgent(server.admin, 'paged');
    const { services } = server.api;
    // One transaction: every task gets the very same created_at, so only the id orders them.
    const created = await services.changes.run({ name: 'test', correlationId: null }, async (tx) => {
      const ids: string[] = [];
      for (let index = 0; index < 25; index += 1) {
        ids.push((await services.taskService.enqueue(tx, { type: 'noop', payload: {}, agentId, maxAttempts: 1, timeoutSeconds: null, priority: 0, runAt: new Date(Date.now() + 3_600_000) })).id);
      }
      return ids;
    });
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { tasks }: { tasks: any } = await server.admin.data<{ tasks: any }>(PAGE, { first: 7, after, agentId });
      expect(tasks.totalCount).toBe(25);
      seen.push(...tasks.edges.map((edge: { node: { id: string } }) => edge.node.id));
      if (!tasks.pageInfo.hasNextPage) break;
      after = tasks.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen)).toEqual(new Set(created));
    // Agent.tasks pages the same way.
    const { agent } = await server.admin.data<any>(`query ($id: ID!) { agent(id: $id) { tasks(first: 25) { edges { node { id } } } } }`, { id: agentId });
    expect(agent.tasks.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual(seen);
  });
});
