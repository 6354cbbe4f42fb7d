import { errorCode } from '../support/graphql-client';
import { sql } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';

const CREATE = `mutation ($input: CreateAgentInput!) { createAgent(input: $input) { id } }`;
const PAGE = `query ($first: Int, $after: String, $filter: AgentFilter) {
  agents(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name status } } }
}`;

interface AgentPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { id: string; name: string; status: string } }[];
}

/** Names with LIKE's wildcards in them: a filter must treat them literally. */
const SPECIAL_NAMES = ['disk_usage 100%', 'diskXusage 100X', 'under_score', 'underXscore', 'back\\slash'];
const TOTAL = 120;

describe('agents pagination and filters', () => {
  let server: TestServer;
  /** Ids in creation order. */
  const created: string[] = [];
  const names = new Map<string, string>();

  async function create(name: string): Promise<string> {
    const result = await server.admin.data<{ createAgent: { id: string } }>(CREATE, { input: { name, type: 'health-check', config: {} } });
    names.set(result.createAgent.id, name);
    return result.createAgent.id;
  }

  async function page(variables: Record<string, unknown>): Promise<AgentPage> {
    return (await server.admin.data<{ agents: AgentPage }>(PAGE, variables)).agents;
  }

  /** Follows endCursor until hasNextPage is false; `between` runs after each page. */
  async function walk(first: number, filter: Record<string, unknown> | null, between?: (pageIndex: number) => Promise<void>): Promise<{ ids: string[]; pages: AgentPage[] }> {
    const pages: AgentPage[] = [];
    let after: string | null = null;
    for (;;) {
      const current = await page({ first, after, filter });
      pages.push(current);
      if (between) await between(pages.length - 1);
      if (!current.pageInfo.hasNextPage) break;
      after = current.pageInfo.endCursor;
      if (pages.length > 100) throw new Error('the walk does not end');
    }
    return { ids: pages.flatMap((p) => p.edges.map((edge) => edge.node.id)), pages };
  }

  beforeAll(async () => {
    server = await startTestServer();
    // One at a time, so creation order is unambiguous.
    for (let index = 0; index < TOTAL - SPECIAL_NAMES.length; index += 1) created.push(await create(`agent-${String(index).padStart(3, '0')}`));
    for (const name of SPECIAL_NAMES) created.push(await create(name));
    // Agents stay CREATED in this issue; the status filter is exercised with a few set aside by SQL.
    await sql(server.db.url, `UPDATE agent_instances SET status = 'STOPPED' WHERE id = ANY($1::uuid[])`, [created.slice(10, 17)]);
  }, 120_000);
  afterAll(async () => {
    await server.close();
  });

  it('walks 120 agents 50 at a time, each exactly once, in creation order', async () => {
    const { ids, pages } = await walk(50, null);
    expect(pages.map((p) => p.edges.length)).toEqual([50, 50, 20]);
    expect(pages.map((p) => p.pageInfo.hasNextPage)).toEqual([true, true, false]);
    expect(pages.map((p) => p.totalCount)).toEqual([TOTAL, TOTAL, TOTAL]);
    expect(ids).toEqual(created);
    expect(pages[0]!.pageInfo.endCursor).toBe(pages[0]!.edges[49]!.cursor);
  });

  it('keeps cursors stable while agents are added during the walk: new ones come last', async () => {
    const added: string[] = [];
    const { ids, pages } = await walk(50, null, async (pageIndex) => {
      if (pageIndex === 0) for (let index = 0; index < 3; index += 1) added.push(await create(`late-${index}`));
    });
    expect(ids).toEqual([...created, ...added]);
    expect(pages.map((p) => p.totalCount)).toEqual([TOTAL, TOTAL + 3, TOTAL + 3]);
    // The same cursor given again returns the same next page.
    const again = await page({ first: 50, after: pages[0]!.pageInfo.endCursor });
    expect(again.edges.map((edge) => edge.node.id)).toEqual(pages[1]!.edges.map((edge) => edge.node.id));
    for (const id of added) await server.admin.data(`mutation ($id: ID!) { deleteAgent(id: $id) }`, { id });
  });

  it('goes on from the cursor of an agent deleted meanwhile', async () => {
    const first = await create('scratch-a');
    const second = await create('scratch-b');
    const upToFirst = await page({ first: TOTAL + 1 });
    expect(upToFirst.edges[TOTAL]!.node.id).toBe(first);
    await server.admin.data(`mutation ($id: ID!) { deleteAgent(id: $id) }`, { id: first });
    const rest = await page({ first: 10, after: upToFirst.pageInfo.endCursor });
    expect(rest.edges.map((edge) => edge.node.id)).toEqual([second]);
    expect(rest.totalCount).toBe(TOTAL + 1);
    await server.admin.data(`mutation ($id: ID!) { deleteAgent(id: $id) }`, { id: second });
  });

  it.each([
    ['status', { status: 'STOPPED' }, () => created.slice(10, 17)],
    ['status with no match', { status: 'RUNNING' }, () => []],
    ['type', { type: 'health-check' }, () => created],
    ['an unknown type', { type: 'no-such-type' }, () => []],
    ['nameContains (case-insensitive)', { nameContains: 'AGENT-00' }, () => created.slice(0, 10)],
    ['nameContains with a literal %', { nameContains: '100%' }, () => [created[TOTAL - 5]]],
    ['nameContains with a literal _', { nameContains: 'under_' }, () => [created[TOTAL - 3]]],
    ['nameContains with a literal \\', { nameContains: 'back\\' }, () => [created[TOTAL - 1]]],
    ['several filters together', { status: 'STOPPED', type: 'health-check', nameContains: 'agent-01' }, () => created.slice(10, 17)],
  ] as [string, Record<string, unknown>, () => string[]][])('narrows results and totalCount by %s', async (_what, filter, expected) => {
    const { ids, pages } = await walk(4, filter);
    expect(ids).toEqual(expected());
    expect(pages[0]!.totalCount).toBe(expected().length);
  });

  it('names the special characters it matched literally', () => {
    expect([TOTAL - 5, TOTAL - 3, TOTAL - 1].map((index) => names.get(created[index]!))).toEqual(['disk_usage 100%', 'under_score', 'back\\slash']);
  });

  it('pages filtered results with their own cursors', async () => {
    const { ids, pages } = await walk(3, { status: 'STOPPED' });
    expect(ids).toEqual(created.slice(10, 17));
    expect(pages.map((p) => p.edges.length)).toEqual([3, 3, 1]);
  });

  it.each([
    ['a cursor that is not base64 JSON', { first: 5, after: 'garbage!' }, 'after'],
    ['a cursor of the wrong shape', { first: 5, after: Buffer.from('[1]').toString('base64url') }, 'after'],
    ['a cursor with an id that is not one', { first: 5, after: Buffer.from('["2026-01-01T00:00:00.000Z","x"]').toString('base64url') }, 'after'],
    ['a cursor with a time that is not one', { first: 5, after: Buffer.from('["yesterday","00000000-0000-0000-0000-000000000000"]').toString('base64url') }, 'after'],
    ['a negative first', { first: -1 }, 'first'],
    ['a first above the limit', { first: 501 }, 'first'],
  ] as [string, Record<string, unknown>, string][])('refuses %s with BAD_USER_INPUT', async (_what, variables, path) => {
    const response = await server.admin.request(PAGE, variables);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.extensions!['path']).toBe(path);
  });
});
