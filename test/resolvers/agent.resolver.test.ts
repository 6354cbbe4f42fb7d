import { randomUUID } from 'node:crypto';
import { errorCode, type GraphQLResponse } from '../support/graphql-client';
import { sql } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';

const CREATE = `mutation ($input: CreateAgentInput!) { createAgent(input: $input) { id name type status config maxConcurrency createdAt } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateAgentInput!) { updateAgent(id: $id, input: $input) { id name config maxConcurrency } }`;
const DELETE = `mutation ($id: ID!) { deleteAgent(id: $id) }`;

interface Counts {
  agents: number;
  logs: number;
  events: number;
}

describe('agents over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  async function counts(): Promise<Counts> {
    const rows = await sql<Counts>(
      server.db.url,
      `SELECT (SELECT count(*) FROM agent_instances)::int AS agents, (SELECT count(*) FROM agent_logs)::int AS logs, (SELECT count(*) FROM events)::int AS events`,
    );
    return rows[0]!;
  }

  async function create(name: string, config: unknown = {}): Promise<string> {
    const result = await server.admin.data<{ createAgent: { id: string } }>(CREATE, { input: { name, type: 'health-check', config } });
    return result.createAgent.id;
  }

  /** Runs a refused mutation and checks its code, its path, and that it wrote no row of any kind. */
  async function expectRefused(query: string, variables: Record<string, unknown>, code: string, path?: string): Promise<GraphQLResponse> {
    const before = await counts();
    const response = await server.admin.request(query, variables);
    expect(errorCode(response)).toBe(code);
    if (path !== undefined) expect(response.errors![0]!.extensions!['path']).toBe(path);
    expect(response.errors![0]!.message).not.toMatch(/INSERT|SELECT|UPDATE|at \S+\.ts/);
    expect(await counts()).toEqual(before);
    return response;
  }

  it('creates an agent that then shows in agents and agent', async () => {
    const created = await server.admin.data<{ createAgent: { id: string; status: string; maxConcurrency: number; config: unknown; type: string } }>(CREATE, {
      input: { name: 'probe-1', type: 'health-check', config: { url: 'http://127.0.0.1:1/' } },
    });
    expect(created.createAgent).toMatchObject({ status: 'CREATED', maxConcurrency: 4, type: 'health-check', config: { url: 'http://127.0.0.1:1/' } });
    const listed = await server.admin.data<{ agents: { totalCount: number; edges: { node: { id: string } }[] } }>(`{ agents { totalCount edges { node { id } } } }`);
    expect(listed.agents.totalCount).toBe(1);
    expect(listed.agents.edges[0]!.node.id).toBe(created.createAgent.id);
    const one = await server.admin.data<{ agent: { name: string } }>(`query ($id: ID!) { agent(id: $id) { name } }`, { id: created.createAgent.id });
    expect(one.agent.name).toBe('probe-1');
  });

  it('lists health-check in agentTypes with its config JSON Schema and task types', async () => {
    const result = await server.admin.data<{ agentTypes: { key: string; configSchema: any; taskTypes: string[] }[] }>(`{ agentTypes { key description configSchema taskTypes } }`);
    const healthCheck = result.agentTypes.find((type) => type.key === 'health-check');
    expect(healthCheck).toBeDefined();
    expect(healthCheck!.configSchema).toMatchObject({ type: 'object', properties: { url: { type: 'string' } } });
    expect(healthCheck!.taskTypes).toEqual(expect.arrayContaining(['noop', 'http.check']));
  });

  describe('createAgent refuses bad input with a coded error and writes nothing', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['an unknown type', { name: 'x-type', type: 'nope', config: {} }, 'input.type'],
      ['a config url that is not a URI', { name: 'x-url', type: 'health-check', config: { url: 'not a uri' } }, 'input.config.url'],
      ['a config url of the wrong type', { name: 'x-url2', type: 'health-check', config: { url: 42 } }, 'input.config.url'],
      ['an unknown config field', { name: 'x-field', type: 'health-check', config: { color: 'red' } }, 'input.config.color'],
      ['a config that is not an object', { name: 'x-array', type: 'health-check', config: ['http://a'] }, 'input.config'],
      ['an empty name', { name: '   ', type: 'health-check', config: {} }, 'input.name'],
      ['a name with a control character', { name: 'bad\u0000name', type: 'health-check', config: {} }, 'input.name'],
      ['a name with a bidi override', { name: 'evidence\u202Egpj.exe', type: 'health-check', config: {} }, 'input.name'],
      ['a name with a zero-width space', { name: 'pro\u200Bd', type: 'health-check', config: {} }, 'input.name'],
      ['a maxConcurrency of 0', { name: 'x-conc', type: 'health-check', config: {}, maxConcurrency: 0 }, 'input.maxConcurrency'],
    ];

    it.each(cases)('BAD_USER_INPUT for %s', async (_what, input, path) => {
      await expectRefused(CREATE, { input }, 'BAD_USER_INPUT', path);
    });

    it('CONFLICT for a duplicate name (surrounding spaces ignored)', async () => {
      await create('taken-name');
      const response = await expectRefused(CREATE, { input: { name: '  taken-name ', type: 'health-check', config: {} } }, 'CONFLICT');
      expect(response.errors![0]!.message).toContain('taken-name');
    });

    it('lets exactly one of several concurrent creates with the same name win', async () => {
      const before = await counts();
      const responses = await Promise.all(
        Array.from({ length: 6 }, () => server.admin.request(CREATE, { input: { name: 'race-name', type: 'health-check', config: {} } })),
      );
      expect(responses.filter((response) => response.errors === undefined)).toHaveLength(1);
      expect(responses.filter((response) => errorCode(response) === 'CONFLICT')).toHaveLength(5);
      expect(await counts()).toEqual({ agents: before.agents + 1, logs: before.logs + 1, events: before.events + 1 });
    });
  });

  describe('updateAgent and deleteAgent', () => {
    it('updates name, config and maxConcurrency', async () => {
      const id = await create('to-update');
      const result = await server.admin.data<{ updateAgent: unknown }>(UPDATE, { id, input: { name: 'updated', config: { url: 'https://example.test/' }, maxConcurrency: 9 } });
      expect(result.updateAgent).toEqual({ id, name: 'updated', config: { url: 'https://example.test/' }, maxConcurrency: 9 });
    });

    it('refuses a taken name with CONFLICT and changes nothing', async () => {
      await create('owner-of-name');
      const id = await create('wants-the-name');
      await expectRefused(UPDATE, { id, input: { name: 'owner-of-name', maxConcurrency: 2 } }, 'CONFLICT');
      const rows = await sql<{ name: string; max_concurrency: number }>(server.db.url, 'SELECT name, max_concurrency FROM agent_instances WHERE id = $1', [id]);
      expect(rows[0]).toEqual({ name: 'wants-the-name', max_concurrency: 4 });
    });

    it('refuses a config failing the schema with BAD_USER_INPUT', async () => {
      const id = await create('update-bad-config');
      await expectRefused(UPDATE, { id, input: { config: { url: 'nope nope' } } }, 'BAD_USER_INPUT', 'input.config.url');
    });

    it.each([
      ['updateAgent', UPDATE, { input: { maxConcurrency: 2 } }],
      ['deleteAgent', DELETE, {}],
    ] as [string, string, Record<string, unknown>][])('%s: NOT_FOUND for an unknown id, BAD_USER_INPUT for a malformed one', async (_name, query, extra) => {
      await expectRefused(query, { id: randomUUID(), ...extra }, 'NOT_FOUND');
      await expectRefused(query, { id: 'not-an-id', ...extra }, 'BAD_USER_INPUT', 'id');
      await expectRefused(query, { id: "1' OR '1'='1", ...extra }, 'BAD_USER_INPUT', 'id');
    });
  });

  describe('deleted agents', () => {
    let id: string;
    beforeAll(async () => {
      id = await create('soon-deleted', { url: 'https://deleted.example/' });
      await server.admin.data(UPDATE, { id, input: { maxConcurrency: 3 } });
      expect(await server.admin.data(DELETE, { id })).toEqual({ deleteAgent: true });
    });

    it('are hidden from agents and agent(id)', async () => {
      const listed = await server.admin.data<{ agents: { edges: { node: { id: string } }[] } }>(`{ agents(first: 100) { edges { node { id } } } }`);
      expect(listed.agents.edges.map((edge) => edge.node.id)).not.toContain(id);
      expect(await server.admin.data(`query ($id: ID!) { agent(id: $id) { id } }`, { id })).toEqual({ agent: null });
      // Read again: the deleted row is in this process's cache now, and still hidden.
      expect(await server.admin.data(`query ($id: ID!) { agent(id: $id) { id } }`, { id })).toEqual({ agent: null });
      const hidden = await server.admin.data<{ agents: { totalCount: number } }>(`{ agents(filter: { nameContains: "soon-deleted" }) { totalCount } }`);
      expect(hidden.agents.totalCount).toBe(0);
    });

    it('cannot be deleted or updated again (NOT_FOUND)', async () => {
      await expectRefused(DELETE, { id }, 'NOT_FOUND');
      await expectRefused(UPDATE, { id, input: { name: 'revived' } }, 'NOT_FOUND');
    });

    it('free their name for a new agent', async () => {
      const again = await create('soon-deleted');
      expect(again).not.toBe(id);
    });

    it('keep their audit lines readable through auditLog(agentId:)', async () => {
      const log = await server.admin.data<{ auditLog: { totalCount: number; edges: { node: { message: string; agent: { id: string } | null } }[] } }>(
        `query ($id: ID!) { auditLog(agentId: $id) { totalCount edges { node { message agent { id } } } } }`,
        { id },
      );
      expect(log.auditLog.totalCount).toBe(3);
      expect(log.auditLog.edges.map((edge) => edge.node.message)).toEqual([
        'agent "soon-deleted" deleted',
        'agent "soon-deleted" updated (maxConcurrency)',
        'agent "soon-deleted" created (type health-check)',
      ]);
    });
  });
});
