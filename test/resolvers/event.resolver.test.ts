import { randomUUID } from 'node:crypto';
import { createKey, revokeKey } from '../support/api-keys';
import { errorCode } from '../support/graphql-client';
import { sql } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';

const EVENTS = `query ($after: String, $agentId: ID, $kinds: [EventKind!], $first: Int) {
  events(after: $after, agentId: $agentId, kinds: $kinds, first: $first) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { cursor kind at agentId status previousStatus data actor correlationId } }
  }
}`;

interface EventNode {
  cursor: string;
  kind: string;
  agentId: string | null;
  status: string | null;
  previousStatus: string | null;
  data: Record<string, any> | null;
  actor: string | null;
}
interface EventPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: EventNode }[];
}

describe('the events query', () => {
  let server: TestServer;
  let agentA: string;
  let agentB: string;
  /** Every event cursor in the database, oldest first, read with SQL. */
  let allCursors: string[];

  async function events(variables: Record<string, unknown>): Promise<EventPage> {
    return (await server.admin.data<{ events: EventPage }>(EVENTS, variables)).events;
  }
  async function createAgent(name: string): Promise<string> {
    const result = await server.admin.data<{ createAgent: { id: string } }>(`mutation ($name: String!) { createAgent(input: { name: $name, type: "health-check", config: { url: "https://a.example/" } }) { id } }`, {
      name,
    });
    return result.createAgent.id;
  }

  beforeAll(async () => {
    server = await startTestServer();
    agentA = await createAgent('events-a');
    agentB = await createAgent('events-b');
    await server.admin.data(`mutation ($id: ID!) { updateAgent(id: $id, input: { name: "events-a2" }) { id } }`, { id: agentA });
    await server.admin.data(`mutation ($id: ID!) { deleteAgent(id: $id) }`, { id: agentB });
    const key = await createKey(server.admin, 'events-key', 'VIEWER');
    await revokeKey(server.admin, key.id);
    allCursors = (await sql<{ cursor: string }>(server.db.url, 'SELECT cursor::text FROM events ORDER BY cursor')).map((row) => row.cursor);
  });
  afterAll(async () => {
    await server.close();
  });

  it('returns every event in commit (cursor) order with its totalCount', async () => {
    const page = await events({});
    expect(page.edges.map((edge) => edge.cursor)).toEqual(allCursors);
    expect(page.totalCount).toBe(allCursors.length);
    expect(page.pageInfo).toEqual({ hasNextPage: false, endCursor: allCursors[allCursors.length - 1] });
    const numbers = allCursors.map(BigInt);
    expect(numbers.every((cursor, index) => index === 0 || cursor > numbers[index - 1]!)).toBe(true);
    // Startup installed the admin key (actor "system") before the six changes above.
    expect(page.edges.map((edge) => [edge.node.kind, edge.node.actor, edge.node.data?.['action'] ?? null])).toEqual([
      ['LOG', 'system', 'apiKey.created'],
      ['AGENT_STATUS', 'admin', 'agent.created'],
      ['AGENT_STATUS', 'admin', 'agent.created'],
      ['LOG', 'admin', 'agent.updated'],
      ['LOG', 'admin', 'agent.deleted'],
      ['LOG', 'admin', 'apiKey.created'],
      ['LOG', 'admin', 'apiKey.revoked'],
    ]);
  });

  it('describes an agent status change without its config', async () => {
    const page = await events({ agentId: agentA, kinds: ['AGENT_STATUS'] });
    expect(page.edges).toHaveLength(1);
    const { node } = page.edges[0]!;
    expect(node).toMatchObject({ kind: 'AGENT_STATUS', agentId: agentA, status: 'CREATED', previousStatus: null });
    expect(node.data!['agent']).toMatchObject({ id: agentA, name: 'events-a', type: 'health-check', status: 'CREATED' });
    expect(node.data!['agent']).not.toHaveProperty('config');
    expect(JSON.stringify(node.data)).not.toContain('a.example');
  });

  it('filters by agentId, by kinds, and by both', async () => {
    const ofA = await events({ agentId: agentA });
    expect(ofA.edges.map((edge) => edge.node.data?.['action'])).toEqual(['agent.created', 'agent.updated']);
    expect(ofA.totalCount).toBe(2);
    const ofB = await events({ agentId: agentB.toUpperCase() });
    expect(ofB.edges.map((edge) => edge.node.data?.['action'])).toEqual(['agent.created', 'agent.deleted']);
    const statuses = await events({ kinds: ['AGENT_STATUS'] });
    expect(statuses.edges.map((edge) => edge.node.agentId)).toEqual([agentA, agentB]);
    expect(statuses.totalCount).toBe(2);
    const logsOfB = await events({ agentId: agentB, kinds: ['LOG'] });
    expect(logsOfB.edges.map((edge) => edge.node.data?.['action'])).toEqual(['agent.deleted']);
    const none = await events({ agentId: randomUUID() });
    expect(none).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
  });

  it('returns only the events after a cursor; "0" means from the oldest', async () => {
    const after = await events({ after: allCursors[2] });
    expect(after.edges.map((edge) => edge.cursor)).toEqual(allCursors.slice(3));
    expect((await events({ after: '0' })).edges.map((edge) => edge.cursor)).toEqual(allCursors);
    const afterLast = await events({ after: allCursors[allCursors.length - 1] });
    expect(afterLast.edges).toEqual([]);
    expect(afterLast.pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });

  it('pages with first and endCursor through every event exactly once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: EventPage = await events({ first: 2, after });
      pages += 1;
      seen.push(...page.edges.map((edge) => edge.cursor));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(allCursors);
    expect(pages).toBe(Math.ceil(allCursors.length / 2));
  });

  it('pages a filtered stream with its own cursors', async () => {
    const first = await events({ kinds: ['LOG'], first: 2 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await events({ kinds: ['LOG'], first: 10, after: first.pageInfo.endCursor });
    expect([...first.edges, ...rest.edges].map((edge) => edge.node.kind)).toEqual(['LOG', 'LOG', 'LOG', 'LOG', 'LOG']);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it.each([
    ['a cursor that is not a number', { after: 'abc' }, 'after'],
    ['a negative cursor', { after: '-1' }, 'after'],
    ['an agent cursor passed to events', { after: Buffer.from('["2026-01-01T00:00:00.000Z","x"]').toString('base64url') }, 'after'],
    ['a malformed agentId', { agentId: 'agent-1' }, 'agentId'],
    ['a first above the limit', { first: 10_000 }, 'first'],
  ] as [string, Record<string, unknown>, string][])('refuses %s with BAD_USER_INPUT', async (_what, variables, path) => {
    const response = await server.admin.request(EVENTS, variables);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.extensions!['path']).toBe(path);
  });

  it('refuses an unknown kind as a bad variable', async () => {
    const response = await server.admin.request(EVENTS, { kinds: ['NOPE'] });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
  });
});
