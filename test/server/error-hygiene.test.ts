import type { Client } from 'graphql-ws';
import { errorCode } from '../support/graphql-client';
import { sql } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';
import { wsClient, wsExecute } from '../support/ws-client';

const AGENTS = `{ agents { totalCount edges { node { id name statusReason } } } }`;

describe('GraphQL error hygiene', () => {
  let server: TestServer;
  let socket: Client;

  beforeAll(async () => {
    server = await startTestServer();
    await server.admin.data(`mutation { createAgent(input: { name: "hygiene", type: "health-check", config: {} }) { id } }`);
    socket = wsClient(server.wsUrl, server.adminKey);
  });
  afterAll(async () => {
    await socket.dispose();
    await server.close();
  });

  describe('an unexpected error', () => {
    // A real, deterministic database failure: the column the agents query reads is renamed
    // under the running server (on this file's own database), then renamed back.
    beforeAll(async () => {
      await sql(server.db.url, 'ALTER TABLE agent_instances RENAME COLUMN status_reason TO status_reason_hidden');
    });
    afterAll(async () => {
      await sql(server.db.url, 'ALTER TABLE agent_instances RENAME COLUMN status_reason_hidden TO status_reason');
    });

    it('reaches an HTTP client as "Internal server error" with no stack and no SQL, and is logged in full with the correlation id', async () => {
      const response = await server.admin.request(AGENTS, {}, { 'x-request-id': 'req-broken-1' });
      expect(response.errors).toHaveLength(1);
      const [error] = response.errors!;
      expect(error!.message).toBe('Internal server error');
      expect(error!.extensions!['code']).toBe('INTERNAL_SERVER_ERROR');
      expect(error!.extensions).not.toHaveProperty('stacktrace');
      const text = JSON.stringify(response.errors);
      expect(text).not.toMatch(/status_reason|agent_instances|SELECT|\.ts:\d+|node_modules/);

      const logged = server.logs.filter((line) => line.includes('"correlationId":"req-broken-1"'));
      expect(logged.length).toBeGreaterThan(0);
      expect(logged.join('\n')).toMatch(/status_reason.*does not exist/);
    });

    it('is masked the same way over WebSocket', async () => {
      const result = await wsExecute(socket, AGENTS);
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0]!.message).toBe('Internal server error');
      expect(result.errors![0]!.extensions!['code']).toBe('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(result.errors)).not.toMatch(/status_reason|agent_instances|SELECT/);
    });
  });

  it('works again once the database is whole', async () => {
    expect((await server.admin.data<{ agents: { totalCount: number } }>(AGENTS)).agents.totalCount).toBe(1);
  });

  const clientErrors: [string, string, Record<string, unknown>, string][] = [
    ['a parse error', `{ me { name }`, {}, 'GRAPHQL_PARSE_FAILED'],
    ['an unknown field', `{ me { nope } }`, {}, 'GRAPHQL_VALIDATION_FAILED'],
    ['an unknown argument', `{ agents(sort: "name") { totalCount } }`, {}, 'GRAPHQL_VALIDATION_FAILED'],
    ['a variable of the wrong type', `query ($first: Int) { agents(first: $first) { totalCount } }`, { first: 'abc' }, 'BAD_USER_INPUT'],
    ['a missing required variable', `query ($id: ID!) { agent(id: $id) { id } }`, {}, 'BAD_USER_INPUT'],
  ];

  it.each(clientErrors)('codes %s over HTTP', async (_what, query, variables, code) => {
    const response = await server.admin.request(query, variables);
    expect(errorCode(response)).toBe(code);
    expect(response.errors![0]!.extensions).not.toHaveProperty('stacktrace');
  });

  it.each(clientErrors)('codes %s over WebSocket', async (_what, query, variables, code) => {
    const result = await wsExecute(socket, query, variables);
    expect(result.errors?.[0]?.extensions?.['code']).toBe(code);
    expect(result.errors![0]!.extensions).not.toHaveProperty('stacktrace');
  });

  it('refuses anonymous introspection with UNAUTHENTICATED and answers it with a key', async () => {
    for (const query of [`{ __schema { types { name } } }`, `{ __type(name: "Agent") { name } }`, `{ me { name } a: __schema { queryType { name } } }`]) {
      const anonymous = await server.as(null).request(query);
      expect({ query, code: errorCode(anonymous) }).toEqual({ query, code: 'UNAUTHENTICATED' });
      expect(anonymous.data ?? null).toBeNull();
    }
    const authenticated = await server.admin.data<{ __schema: { types: { name: string }[] } }>(`{ __schema { types { name } } }`);
    expect(authenticated.__schema.types.map((type) => type.name)).toEqual(expect.arrayContaining(['Agent', 'Query', 'Mutation']));
  });

  it('answers a JSON body over the limit with HTTP 413', async () => {
    const padding = 'x'.repeat(server.api.services.config.maxBodyBytes + 1);
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminKey}` },
      body: JSON.stringify({ query: `{ me { name } }`, variables: { padding } }),
    });
    expect(response.status).toBe(413);
    await response.text();
  });

  it('answers a streamed (chunked) body over the limit with HTTP 413 too', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const limit = server.api.services.config.maxBodyBytes;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > limit * 2) controller.close();
        else {
          sent += chunk.length;
          controller.enqueue(chunk);
        }
      },
    });
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminKey}` },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    await response.text();
  });

  it('answers a body that is not JSON with HTTP 400', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminKey}` },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('BAD_REQUEST');
  });
});
