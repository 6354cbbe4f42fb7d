import { createKey, uniqueName, type TestKey } from '../support/api-keys';
import type { GraphQLClient } from '../support/graphql-client';
import { sql } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';
import { wsClient, wsExecute } from '../support/ws-client';

// Every mutation of the foundation writes exactly one audit line (agent_logs) and one event,
// both carrying the actor (the key's name) and the correlation id (the request's x-request-id,
// echoed in the response, or one generated for it).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Mutation {
  name: string;
  document: string;
  /** Prepares what the mutation acts on, with the server's own admin key. */
  variables(server: TestServer): Promise<Record<string, unknown>>;
  /** The audit message the change writes. */
  message: RegExp;
}

async function newAgent(admin: GraphQLClient): Promise<string> {
  const result = await admin.data<{ createAgent: { id: string } }>(`mutation ($input: CreateAgentInput!) { createAgent(input: $input) { id } }`, {
    input: { name: uniqueName('audited'), type: 'health-check', config: {} },
  });
  return result.createAgent.id;
}

const MUTATIONS: Mutation[] = [
  {
    name: 'createAgent',
    document: `mutation ($input: CreateAgentInput!) { createAgent(input: $input) { id } }`,
    variables: async () => ({ input: { name: uniqueName('audit-create'), type: 'health-check', config: { url: 'https://example.test/' } } }),
    message: /^agent "audit-create-\d+-\d+" created/,
  },
  {
    name: 'updateAgent',
    document: `mutation ($id: ID!) { updateAgent(id: $id, input: { maxConcurrency: 6 }) { id } }`,
    variables: async (server) => ({ id: await newAgent(server.admin) }),
    message: /updated \(maxConcurrency\)$/,
  },
  {
    name: 'deleteAgent',
    document: `mutation ($id: ID!) { deleteAgent(id: $id) }`,
    variables: async (server) => ({ id: await newAgent(server.admin) }),
    message: /deleted$/,
  },
  {
    name: 'createApiKey',
    document: `mutation ($name: String!) { createApiKey(name: $name, role: OPERATOR) { apiKey { id } secret } }`,
    variables: async () => ({ name: uniqueName('audit-key') }),
    message: /^API key "audit-key-\d+-\d+" created with role OPERATOR$/,
  },
  {
    name: 'revokeApiKey',
    document: `mutation ($id: ID!) { revokeApiKey(id: $id) { id } }`,
    variables: async (server) => ({ id: (await createKey(server.admin, uniqueName('audit-revoked'), 'VIEWER')).id }),
    message: /^API key "audit-revoked-\d+-\d+" revoked$/,
  },
];

interface LogRow {
  id: string;
  actor: string;
  correlation_id: string;
  message: string;
}
interface EventRow {
  cursor: string;
  actor: string;
  correlation_id: string;
  data: { log?: { id: string; correlationId: string } };
}

describe('audit lines and events of mutations', () => {
  let server: TestServer;
  let actor: TestKey;

  beforeAll(async () => {
    server = await startTestServer({ env: { LOG_LEVEL: 'debug' } });
    actor = await createKey(server.admin, 'audit-actor', 'ADMIN');
  });
  afterAll(async () => {
    await server.close();
  });

  async function heads(): Promise<{ log: string; event: string }> {
    const rows = await sql<{ log: string; event: string }>(
      server.db.url,
      `SELECT coalesce((SELECT max(id) FROM agent_logs), 0)::text AS log, coalesce((SELECT max(cursor) FROM events), 0)::text AS event`,
    );
    return rows[0]!;
  }

  const cases = MUTATIONS.flatMap((mutation) => [
    { ...mutation, requestId: `req-${mutation.name}-1` as string | null },
    { ...mutation, requestId: null },
  ]);

  it.each(cases)('$name with x-request-id=$requestId writes one audit line and one event', async ({ name, document, variables, message, requestId }) => {
    const vars = await variables(server);
    const before = await heads();
    const response = await server.as(actor.secret).request(document, vars, requestId === null ? {} : { 'x-request-id': requestId });
    expect(response.errors).toBeUndefined();
    expect(response.data?.[name]).toBeTruthy();
    const correlationId = response.headers.get('x-request-id');
    if (requestId === null) expect(correlationId).toMatch(UUID);
    else expect(correlationId).toBe(requestId);

    const logs = await sql<LogRow>(server.db.url, 'SELECT id::text, actor, correlation_id, message FROM agent_logs WHERE id > $1', [before.log]);
    const events = await sql<EventRow>(server.db.url, 'SELECT cursor::text, actor, correlation_id, data FROM events WHERE cursor > $1', [before.event]);
    expect(logs).toHaveLength(1);
    expect(events).toHaveLength(1);
    expect(logs[0]).toMatchObject({ actor: 'audit-actor', correlation_id: correlationId });
    expect(logs[0]!.message).toMatch(message);
    expect(events[0]).toMatchObject({ actor: 'audit-actor', correlation_id: correlationId });
    // The event embeds its audit line, so a subscriber needs no second read.
    expect(events[0]!.data.log).toMatchObject({ id: logs[0]!.id, correlationId });

    // The same through the API.
    const viaApi = await server.admin.data<{
      events: { edges: { cursor: string; node: { actor: string; correlationId: string } }[] };
      auditLog: { edges: { node: { id: string; actor: string; correlationId: string; message: string } }[] };
    }>(
      `query ($after: String) {
        events(after: $after) { edges { cursor node { actor correlationId } } }
        auditLog(actor: "audit-actor", first: 1) { edges { node { id actor correlationId message } } }
      }`,
      { after: before.event },
    );
    expect(viaApi.events.edges).toEqual([{ cursor: events[0]!.cursor, node: { actor: 'audit-actor', correlationId } }]);
    expect(viaApi.auditLog.edges[0]!.node).toEqual({ id: logs[0]!.id, actor: 'audit-actor', correlationId, message: logs[0]!.message });
  });

  it('replaces an x-request-id that is not a sane token with a generated one', async () => {
    const response = await server.as(actor.secret).request(`{ me { name } }`, {}, { 'x-request-id': 'no spaces or "quotes" please' });
    expect(response.headers.get('x-request-id')).toMatch(UUID);
  });

  it('echoes x-request-id on failed and non-GraphQL requests too', async () => {
    const refused = await server.as(null).request(`{ me { name } }`, {}, { 'x-request-id': 'req-anon-1' });
    expect(refused.headers.get('x-request-id')).toBe('req-anon-1');
    const health = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'req-health-1' } });
    expect(health.headers.get('x-request-id')).toBe('req-health-1');
  });

  it('records mutations made over WebSocket with the actor too', async () => {
    const client = wsClient(server.wsUrl, actor.secret);
    try {
      const before = await heads();
      const result = await wsExecute<{ createAgent: { id: string } }>(client, `mutation { createAgent(input: { name: "over-ws", type: "health-check", config: {} }) { id } }`);
      expect(result.errors).toBeUndefined();
      const logs = await sql<LogRow>(server.db.url, 'SELECT id::text, actor, correlation_id, message FROM agent_logs WHERE id > $1', [before.log]);
      const events = await sql<EventRow>(server.db.url, 'SELECT cursor::text, actor, correlation_id, data FROM events WHERE cursor > $1', [before.event]);
      expect(logs.map((row) => row.actor)).toEqual(['audit-actor']);
      expect(events.map((row) => row.actor)).toEqual(['audit-actor']);
      expect(logs[0]!.correlation_id).toBeTruthy();
      expect(events[0]!.correlation_id).toBe(logs[0]!.correlation_id);
    } finally {
      await client.dispose();
    }
  });

  it('never writes an API key secret or the admin key to events, audit lines, key rows or logs', async () => {
    const created = await createKey(server.as(actor.secret), 'audit-secret-check', 'VIEWER');
    // Use both keys in every way that could end up logged: HTTP, WebSocket, a failing request.
    await server.as(created.secret).data(`{ me { name } }`);
    await server.as(created.secret).request(`{ nope }`);
    await server.as(created.secret).request(`mutation { createAgent(input: { name: "x", type: "health-check", config: {} }) { id } }`);
    const client = wsClient(server.wsUrl, server.adminKey);
    await wsExecute(client, `{ me { name } }`);
    await client.dispose();

    const stored = await sql<{ text: string }>(
      server.db.url,
      `SELECT row_to_json(e)::text AS text FROM events e
       UNION ALL SELECT row_to_json(l)::text FROM agent_logs l
       UNION ALL SELECT row_to_json(k)::text FROM api_keys k`,
    );
    const everything = [...stored.map((row) => row.text), ...server.logs].join('\n');
    expect(everything.length).toBeGreaterThan(0);
    for (const secret of [created.secret, actor.secret, server.adminKey]) {
      expect(everything).not.toContain(secret);
      // Not even the part after the short public prefix.
      expect(everything).not.toContain(secret.slice(12));
    }
  });
});
