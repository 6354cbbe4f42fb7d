import { errorCode } from '../support/graphql-client';
import { sql } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';

const CREATE = `mutation ($input: CreateAgentInput!) { createAgent(input: $input) { id name type status config maxConcurrency createdAt } }`;

describe('agents over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('creates an agent that then shows in agents and agent', async () => {
    const created = await server.admin.data<{ createAgent: { id: string; status: string; maxConcurrency: number } }>(CREATE, {
      input: { name: 'probe-1', type: 'health-check', config: { url: 'http://127.0.0.1:1/' } },
    });
    expect(created.createAgent.status).toBe('CREATED');
    expect(created.createAgent.maxConcurrency).toBe(4);
    const listed = await server.admin.data<{ agents: { totalCount: number; edges: { node: { id: string } }[] } }>(`{ agents { totalCount edges { node { id } } } }`);
    expect(listed.agents.totalCount).toBe(1);
    expect(listed.agents.edges[0]!.node.id).toBe(created.createAgent.id);
  });

  it('refuses an unknown agent type with BAD_USER_INPUT and writes nothing', async () => {
    const before = await sql<{ count: number }>(server.db.url, 'SELECT (SELECT count(*) FROM events)::int AS count');
    const response = await server.admin.request(CREATE, { input: { name: 'x', type: 'nope', config: {} } });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.extensions!['path']).toBe('input.type');
    const after = await sql<{ count: number }>(server.db.url, 'SELECT (SELECT count(*) FROM events)::int AS count');
    expect(after[0]!.count).toBe(before[0]!.count);
  });
});
