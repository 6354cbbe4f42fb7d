import type { Client } from 'graphql-ws';
import { OPERATION_LIMITS } from '../../src/server/operation-policy';
import { errorCode, type GraphQLResponse } from '../support/graphql-client';
import { sql } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';
import { wsClient, wsExecute } from '../support/ws-client';

// Every limit of RUNTIME.md and the README, on HTTP and on WebSocket alike: an operation over
// one is refused before it runs, with a code a client can act on.

/** A query `depth` fields deep: agents → edges → node → tasks → edges → node → agent → tasks … → __typename. */
function nestedQuery(depth: number): string {
  const cycle = ['tasks(first: 1)', 'edges', 'node', 'agent'];
  const fields = ['agents(first: 1)', 'edges', 'node'];
  while (fields.length < depth - 1) fields.push(cycle[(fields.length - 3) % cycle.length]!);
  return `{ ${fields.reduceRight((inner, field) => `${field} { ${inner} }`, '__typename')} }`;
}

const repeated = (count: number, text: (index: number) => string): string => Array.from({ length: count }, (_, index) => text(index)).join(' ');

const OVER_LIMITS: [string, string][] = [
  [`depth over ${OPERATION_LIMITS.depth}`, nestedQuery(OPERATION_LIMITS.depth + 1)],
  [`cost over ${OPERATION_LIMITS.cost}`, `{ agents(first: 100) { edges { node { tasks(first: 100) { edges { node { id type status payload } } } } } } }`],
  [`more than ${OPERATION_LIMITS.aliases} aliases`, `{ ${repeated(OPERATION_LIMITS.aliases + 1, (i) => `a${i}: me { name }`)} }`],
  [`more than ${OPERATION_LIMITS.directives} directives`, `{ me { ${repeated(OPERATION_LIMITS.directives + 1, () => 'name @include(if: true)')} } }`],
  [`more than ${OPERATION_LIMITS.tokens} tokens`, `{ me { ${repeated(OPERATION_LIMITS.tokens, () => 'name')} } }`],
];

const AT_LIMITS: [string, string][] = [
  [`depth ${OPERATION_LIMITS.depth}`, nestedQuery(OPERATION_LIMITS.depth)],
  [`${OPERATION_LIMITS.aliases} aliases`, `{ ${repeated(OPERATION_LIMITS.aliases, (i) => `a${i}: me { name }`)} }`],
  [`${OPERATION_LIMITS.directives} directives`, `{ me { ${repeated(OPERATION_LIMITS.directives, () => 'name @include(if: true)')} } }`],
  ['a connection inside a connection', `{ agents(first: 5) { edges { node { tasks(first: 5) { edges { node { id agent { name } } } } } } } }`],
];

const TOO_COMPLEX = ['QUERY_TOO_COMPLEX', 'GRAPHQL_VALIDATION_FAILED'];

/** A misspelt field, argument, enum value and input field: each would draw a "Did you mean …?" in development. */
const MISSPELT: [string, string][] = [
  ['a field', `{ agnts { totalCount } }`],
  ['an argument', `{ agents(frist: 2) { totalCount } }`],
  ['an enum value', `{ tasks(filter: { status: QUEUD }) { totalCount } }`],
  ['an input field', `{ agents(filter: { nameContain: "x" }) { totalCount } }`],
  ['a type in a fragment', `{ me { ...f } } fragment f on Viewr { name }`],
];

describe('operation limits', () => {
  let server: TestServer;
  let socket: Client;

  beforeAll(async () => {
    server = await startTestServer();
    socket = wsClient(server.wsUrl, server.adminKey);
    await server.admin.data(`mutation { createAgent(input: { name: "limits", type: "health-check", config: {} }) { id } }`);
  });
  afterAll(async () => {
    await socket.dispose();
    await server.close();
  });

  it.each(OVER_LIMITS)('refuses an operation with %s over HTTP as too complex, without data', async (_what, query) => {
    const response = await server.admin.request(query);
    expect(TOO_COMPLEX).toContain(errorCode(response));
    expect(response.data ?? null).toBeNull();
    expect(response.status).toBeLessThan(500);
  });

  it.each(OVER_LIMITS)('refuses an operation with %s over WebSocket as too complex, without data', async (_what, query) => {
    const result = await wsExecute(socket, query);
    expect(TOO_COMPLEX).toContain(result.errors?.[0]?.extensions?.['code']);
    expect(result.data ?? null).toBeNull();
  });

  it.each(AT_LIMITS)('runs an operation with %s on both transports', async (_what, query) => {
    expect((await server.admin.request(query)).errors).toBeUndefined();
    expect((await wsExecute(socket, query)).errors).toBeUndefined();
  });

  it.each(MISSPELT)('names no suggestion for a misspelt %s over HTTP and WebSocket (NODE_ENV=test)', async (_what, query) => {
    const http = await server.admin.request(query);
    const ws = await wsExecute(socket, query);
    for (const errors of [http.errors, ws.errors]) {
      expect(errors?.length).toBeGreaterThan(0);
      expect(errors![0]!.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(JSON.stringify(errors)).not.toMatch(/Did you mean/i);
    }
  });
});

describe('HTTP request limits', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { MAX_BODY_BYTES: '65536', MAX_PAYLOAD_BYTES: '4096' } });
  });
  afterAll(async () => {
    await server.close();
  });

  const post = (body: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminKey}`, ...headers },
      body,
    });

  const agentCount = async (): Promise<number> => Number((await sql<{ n: string }>(server.db.url, 'SELECT count(*) AS n FROM agent_instances'))[0]!.n);

  it('refuses a batch of operations (a JSON array body) and runs none of them', async () => {
    const create = (name: string) => ({ query: `mutation { createAgent(input: { name: "${name}", type: "health-check", config: {} }) { id } }` });
    const response = await post(JSON.stringify([create('batch-1'), create('batch-2')]));
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/batch/i);
    expect(await agentCount()).toBe(0);
  });

  it('answers a body over MAX_BODY_BYTES with HTTP 413 and a coded error', async () => {
    const response = await post(JSON.stringify({ query: '{ me { name } }', variables: { padding: 'x'.repeat(70_000) } }));
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a task payload and an agent config over MAX_PAYLOAD_BYTES with BAD_USER_INPUT naming the field', async () => {
    const { createAgent } = await server.admin.data<{ createAgent: { id: string } }>(`mutation { createAgent(input: { name: "payloads", type: "health-check", config: {} }) { id } }`);
    const before = await agentCount();
    const big = { output: 'y'.repeat(5_000) };
    const task = await server.admin.request(`mutation ($input: DistributeTaskInput!) { distributeTask(input: $input) { id } }`, {
      input: { type: 'noop', agentId: createAgent.id, payload: big },
    });
    expect(errorCode(task)).toBe('BAD_USER_INPUT');
    expect(task.errors![0]!.extensions!['path']).toBe('input.payload');
    const config = await server.admin.request(`mutation ($input: CreateAgentInput!) { createAgent(input: $input) { id } }`, {
      input: { name: 'too-big', type: 'health-check', config: { url: `http://example.com/${'z'.repeat(5_000)}` } },
    });
    expect(errorCode(config)).toBe('BAD_USER_INPUT');
    expect(config.errors![0]!.extensions!['path']).toBe('input.config');
    expect(await agentCount()).toBe(before);
    const tasks = await sql(server.db.url, 'SELECT 1 FROM agent_tasks');
    expect(tasks).toHaveLength(0);
  });

  it('refuses a subscription sent over HTTP with a 4xx and a code, never running it', async () => {
    const subscription = `subscription { overviewUpdated { queueDepth } }`;
    const withKey = await server.admin.request(subscription);
    expect([withKey.status, errorCode(withKey), withKey.data ?? null]).toEqual([400, 'BAD_REQUEST', null]);
    expect(withKey.errors![0]!.message).toMatch(/WebSocket/);
    const anonymous = await server.as(null).request(subscription);
    expect([anonymous.status, errorCode(anonymous), anonymous.data ?? null]).toEqual([401, 'UNAUTHENTICATED', null]);
    // Refusals before execution carry their own status, never a 500.
    const introspection = await server.as(null).request(`{ __schema { queryType { name } } }`);
    expect([introspection.status, errorCode(introspection)]).toEqual([401, 'UNAUTHENTICATED']);
    expect(JSON.stringify([withKey.errors, anonymous.errors, introspection.errors])).not.toContain('"http"');
  });

  it('refuses a task payload over MAX_PAYLOAD_BYTES over WebSocket too', async () => {
    const socket = wsClient(server.wsUrl, server.adminKey);
    try {
      const result = await wsExecute(socket, `mutation ($input: DistributeTaskInput!) { distributeTask(input: $input) { id } }`, {
        input: { type: 'noop', payload: { output: 'y'.repeat(5_000) } },
      });
      expect(result.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    } finally {
      await socket.dispose();
    }
  });
});

describe('CSRF prevention', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  const blocked = async (response: Response): Promise<void> => {
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/Cross-Site Request Forgery/i);
  };

  it('refuses a GET query without a preflight header and answers it with apollo-require-preflight', async () => {
    const url = `${server.url}/graphql?query=${encodeURIComponent('{ me { name } }')}`;
    await blocked(await fetch(url, { headers: { authorization: `Bearer ${server.adminKey}` } }));
    const allowed = await fetch(url, { headers: { authorization: `Bearer ${server.adminKey}`, 'apollo-require-preflight': 'true' } });
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as GraphQLResponse).data).toEqual({ me: { name: 'admin' } });
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'refuses a POST with content-type %s (a "simple" cross-site request) and runs nothing',
    async (contentType) => {
      const mutation = JSON.stringify({ query: `mutation { createAgent(input: { name: "csrf", type: "health-check", config: {} }) { id } }` });
      await blocked(
        await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${server.adminKey}` }, body: mutation }),
      );
      expect(await sql(server.db.url, `SELECT 1 FROM agent_instances WHERE name = 'csrf'`)).toHaveLength(0);
    },
  );

  it('never runs a mutation sent with GET, even with the preflight header', async () => {
    const url = `${server.url}/graphql?query=${encodeURIComponent('mutation { createAgent(input: { name: "by-get", type: "health-check", config: {} }) { id } }')}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${server.adminKey}`, 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(405);
    await response.text();
    expect(await sql(server.db.url, `SELECT 1 FROM agent_instances WHERE name = 'by-get'`)).toHaveLength(0);
  });
});
