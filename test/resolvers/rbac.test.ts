import type { Client } from 'graphql-ws';
import { createKey, keysForEveryRole, revokeKey, uniqueName, type TestKey, type TestRole } from '../support/api-keys';
import type { GraphQLClient } from '../support/graphql-client';
import { sql } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';
import { connectionInitOutcome, wsClient, wsExecute } from '../support/ws-client';

// Every query and mutation of the foundation, for every role, over HTTP and over WebSocket:
// VIEWER runs every query; apiKeys and every mutation here need ADMIN (OPERATOR is refused
// too: the operator mutations come with the task engine).

interface Operation {
  field: string;
  minRole: TestRole;
  document: string;
  /** Makes what the operation needs (a fresh agent, a fresh key...) with the admin key. */
  variables(admin: GraphQLClient): Promise<Record<string, unknown>>;
}

const RANK: Record<TestRole, number> = { VIEWER: 0, OPERATOR: 1, ADMIN: 2 };

async function newAgent(admin: GraphQLClient): Promise<string> {
  const result = await admin.data<{ createAgent: { id: string } }>(`mutation ($input: CreateAgentInput!) { createAgent(input: $input) { id } }`, {
    input: { name: uniqueName('rbac-agent'), type: 'health-check', config: {} },
  });
  return result.createAgent.id;
}

const none = async (): Promise<Record<string, unknown>> => ({});

const OPERATIONS: Operation[] = [
  { field: 'me', minRole: 'VIEWER', document: `{ me { name role } }`, variables: none },
  { field: 'agentTypes', minRole: 'VIEWER', document: `{ agentTypes { key taskTypes } }`, variables: none },
  { field: 'agents', minRole: 'VIEWER', document: `{ agents(first: 5) { totalCount edges { node { id } } } }`, variables: none },
  { field: 'agent', minRole: 'VIEWER', document: `query ($id: ID!) { agent(id: $id) { id name } }`, variables: async (admin) => ({ id: await newAgent(admin) }) },
  { field: 'auditLog', minRole: 'VIEWER', document: `{ auditLog(first: 5) { totalCount edges { node { id message } } } }`, variables: none },
  { field: 'events', minRole: 'VIEWER', document: `{ events(first: 5) { totalCount edges { cursor node { kind } } } }`, variables: none },
  { field: 'apiKeys', minRole: 'ADMIN', document: `{ apiKeys { id name role } }`, variables: none },
  {
    field: 'createAgent',
    minRole: 'ADMIN',
    document: `mutation ($input: CreateAgentInput!) { createAgent(input: $input) { id } }`,
    variables: async () => ({ input: { name: uniqueName('rbac-created'), type: 'health-check', config: {} } }),
  },
  {
    field: 'updateAgent',
    minRole: 'ADMIN',
    document: `mutation ($id: ID!) { updateAgent(id: $id, input: { maxConcurrency: 7 }) { id maxConcurrency } }`,
    variables: async (admin) => ({ id: await newAgent(admin) }),
  },
  { field: 'deleteAgent', minRole: 'ADMIN', document: `mutation ($id: ID!) { deleteAgent(id: $id) }`, variables: async (admin) => ({ id: await newAgent(admin) }) },
  {
    field: 'createApiKey',
    minRole: 'ADMIN',
    document: `mutation ($name: String!) { createApiKey(name: $name, role: VIEWER) { apiKey { id } secret } }`,
    variables: async () => ({ name: uniqueName('rbac-key') }),
  },
  {
    field: 'revokeApiKey',
    minRole: 'ADMIN',
    document: `mutation ($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }`,
    variables: async (admin) => ({ id: (await createKey(admin, uniqueName('rbac-victim'), 'VIEWER')).id }),
  },
];

const ROLES: TestRole[] = ['VIEWER', 'OPERATOR', 'ADMIN'];
const MATRIX = OPERATIONS.flatMap((operation) => ROLES.map((role) => ({ ...operation, role, allowed: RANK[role] >= RANK[operation.minRole] })));

interface Outcome {
  data: Record<string, unknown> | null | undefined;
  errors: readonly { message: string; extensions?: Record<string, unknown> }[] | undefined;
}

let server: TestServer;
let keys: Record<TestRole, TestKey>;
const sockets: Client[] = [];

beforeAll(async () => {
  server = await startTestServer();
  keys = await keysForEveryRole(server.admin, 'rbac');
});
afterAll(async () => {
  for (const socket of sockets) await socket.dispose();
  await server.close();
});

async function changeCounts(): Promise<string> {
  const rows = await sql<{ counts: string }>(
    server.db.url,
    `SELECT concat_ws('/', (SELECT count(*) FROM agent_instances WHERE deleted_at IS NULL), (SELECT count(*) FROM api_keys WHERE revoked_at IS NULL),
       (SELECT count(*) FROM agent_logs), (SELECT count(*) FROM events)) AS counts`,
  );
  return rows[0]!.counts;
}

const transports: [string, (role: TestRole) => (document: string, variables: Record<string, unknown>) => Promise<Outcome>][] = [
  ['HTTP', (role) => async (document, variables) => server.as(keys[role].secret).request(document, variables)],
  [
    'WebSocket',
    (role) => {
      const client = wsClient(server.wsUrl, keys[role].secret);
      sockets.push(client);
      return async (document, variables) => {
        const result = await wsExecute(client, document, variables);
        return { data: result.data as Record<string, unknown> | null | undefined, errors: result.errors as Outcome['errors'] };
      };
    },
  ],
];

describe.each(transports)('roles over %s', (_transport, connect) => {
  const runners = new Map<TestRole, (document: string, variables: Record<string, unknown>) => Promise<Outcome>>();
  const runnerFor = (role: TestRole) => {
    if (!runners.has(role)) runners.set(role, connect(role));
    return runners.get(role)!;
  };

  it.each(MATRIX)('$field as $role: allowed=$allowed', async ({ field, role, allowed, minRole, document, variables }) => {
    const vars = await variables(server.admin);
    const before = await changeCounts();
    const outcome = await runnerFor(role)(document, vars);
    if (allowed) {
      expect(outcome.errors).toBeUndefined();
      expect(outcome.data?.[field]).toBeDefined();
      if (field === 'me') expect(outcome.data?.[field]).toEqual({ name: keys[role].name, role });
    } else {
      expect(outcome.errors?.map((error) => error.extensions?.['code'])).toEqual(['FORBIDDEN']);
      expect(outcome.errors?.[0]?.message).toContain(`needs the ${minRole} role`);
      expect(outcome.data?.[field] ?? null).toBeNull();
      // A refused mutation changes nothing.
      expect(await changeCounts()).toBe(before);
    }
  });
});

describe('without a valid key over HTTP', () => {
  let revoked: TestKey;
  beforeAll(async () => {
    revoked = await createKey(server.admin, 'rbac-revoked', 'ADMIN');
    // Used once so a cached "valid" answer exists: revocation must still win at once.
    await server.as(revoked.secret).data(`{ me { name } }`);
    await revokeKey(server.admin, revoked.id);
  });

  const presenters: [string, () => string | null][] = [
    ['no key', () => null],
    ['an unknown key', () => 'vel_this-key-was-never-issued-000000000000'],
    ['a revoked key', () => revoked.secret],
  ];

  describe.each(presenters)('with %s', (_what, secret) => {
    it.each(OPERATIONS)('$field is UNAUTHENTICATED', async ({ field, document, variables }) => {
      const vars = await variables(server.admin);
      const before = await changeCounts();
      const outcome = await server.as(secret()).request(document, vars);
      expect(outcome.errors?.map((error) => error.extensions?.['code'])).toEqual(['UNAUTHENTICATED']);
      // Nothing is shown: data is null, or {agent: null} for the nullable `agent`.
      expect(outcome.data?.[field] ?? null).toBeNull();
      expect(await changeCounts()).toBe(before);
    });
  });

  it('treats a malformed Authorization header as no key', async () => {
    const outcome = await server.as(null).request(`{ me { name } }`, {}, { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` });
    expect(outcome.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});

describe('without a valid key over WebSocket', () => {
  it('acks connection_init with a valid key of any role', async () => {
    for (const role of ROLES) {
      expect(await connectionInitOutcome(server.wsUrl, { authorization: `Bearer ${keys[role].secret}` })).toEqual({ acked: true, closeCode: null });
    }
  });

  it.each([
    ['no payload', undefined],
    ['no authorization', {}],
    ['an unknown key', { authorization: 'Bearer vel_this-key-was-never-issued-000000000000' }],
    ['a key without "Bearer"', { authorization: 'vel_whatever' }],
  ] as [string, Record<string, unknown> | undefined][])('closes with 4403 on %s', async (_what, payload) => {
    expect(await connectionInitOutcome(server.wsUrl, payload)).toEqual({ acked: false, closeCode: 4403 });
  });

  it('closes with 4403 on a revoked key', async () => {
    const key = await createKey(server.admin, 'rbac-ws-revoked', 'VIEWER');
    expect((await connectionInitOutcome(server.wsUrl, { authorization: `Bearer ${key.secret}` })).acked).toBe(true);
    await revokeKey(server.admin, key.id);
    expect(await connectionInitOutcome(server.wsUrl, { authorization: `Bearer ${key.secret}` })).toEqual({ acked: false, closeCode: 4403 });
  });
});
