import { buildVelocitySchema } from '../../src/schema/build-schema';
import { createKey, revokeKey } from '../support/api-keys';
import { distribute, runningAgent, taskReaches } from '../support/agents';
import { databaseSnapshots, type DatabaseSnapshots } from '../support/db-snapshot';
import { rawGraphQLSocket, type RawGraphQLSocket, type RawResult } from '../support/raw-graphql-socket';
import { sql } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';
import { BAD_INPUTS, type BadInput, type Fixtures } from './bad-input-cases';
import { jsonText } from './json-text';
import { BAD_DEFINITIONS } from './workflow-parser-cases';

// A table of hostile and malformed inputs across every mutation and the workflow parser, run
// against one server with a worker and a RUNNING agent: each must be refused with its code
// (never INTERNAL_SERVER_ERROR, never a dropped connection) and change nothing at all.

const WORKFLOW = `name: corpus-wf\nsteps:\n  - id: only\n    task: noop\n    payload: { output: 1 }\n`;

async function makeFixtures(server: TestServer): Promise<Fixtures> {
  const admin = server.admin;
  const agentId = await runningAgent(admin, 'corpus-agent', 4);
  const idle = await admin.data<{ createAgent: { id: string } }>(`mutation { createAgent(input: { name: "corpus-idle", type: "health-check", config: {} }) { id } }`);
  const done = await distribute(admin, { type: 'noop', agentId, payload: { output: 'ok' } });
  await taskReaches(admin, done.id, ['SUCCEEDED']);
  const { createWorkflow } = await admin.data<{ createWorkflow: { id: string } }>(`mutation ($d: String!) { createWorkflow(input: { definition: $d }) { id } }`, { d: WORKFLOW });
  const { runWorkflow } = await admin.data<{ runWorkflow: { id: string } }>(`mutation { runWorkflow(input: { name: "corpus-wf" }) { id } }`);
  await waitFor(async () => {
    const { workflowRun } = await admin.data<{ workflowRun: { status: string } }>(`query ($id: ID!) { workflowRun(id: $id) { status } }`, { id: runWorkflow.id });
    return workflowRun.status === 'SUCCEEDED' ? true : undefined;
  }, 'the fixture run to succeed');
  const { createSchedule } = await admin.data<{ createSchedule: { id: string } }>(
    `mutation ($agentId: ID!) { createSchedule(input: { agentId: $agentId, taskType: "noop", cron: "0 0 1 1 *", enabled: false }) { id } }`,
    { agentId },
  );
  const revoked = await createKey(admin, 'corpus-revoked', 'VIEWER');
  await revokeKey(admin, revoked.id);
  // Nothing may still be moving when the table starts: no job, no unfinished task.
  await waitFor(async () => {
    const rows = await sql<{ busy: string }>(
      server.db.url,
      `SELECT (SELECT count(*) FROM graphile_worker._private_jobs) + (SELECT count(*) FROM agent_tasks WHERE status IN ('QUEUED', 'RUNNING')) AS busy`,
    );
    return rows[0]!.busy === '0' ? true : undefined;
  }, 'the fixtures to settle');
  return {
    agentId,
    agentName: 'corpus-agent',
    idleAgentId: idle.createAgent.id,
    idleAgentName: 'corpus-idle',
    succeededTaskId: done.id,
    workflowId: createWorkflow.id,
    workflowName: 'corpus-wf',
    finishedRunId: runWorkflow.id,
    scheduleId: createSchedule.id,
    revokedKeyId: revoked.id,
  };
}

/** Queries whose text arguments reach SQL: a NUL byte in them is bad input too, not a failure. */
const NUL_QUERIES: [what: string, query: string][] = [
  ['agents filtered by name', `query ($v: String) { agents(filter: { nameContains: $v }) { totalCount } }`],
  ['tasks filtered by type', `query ($v: String) { tasks(filter: { type: $v }) { totalCount } }`],
  ['the audit log filtered by actor', `query ($v: String) { auditLog(actor: $v) { totalCount } }`],
  ['workflows filtered by name', `query ($v: String) { workflows(name: $v) { totalCount } }`],
  ['evidence filtered by kind', `query ($v: String) { evidence(kind: $v) { totalCount } }`],
  ['metrics by name', `query ($v: String!) { metrics(name: $v) { count } }`],
  ['events after a cursor', `query ($v: String) { events(after: $v) { totalCount } }`],
  ['a workflow validated', `query ($v: String!) { validateWorkflow(definition: $v) { valid } }`],
];

interface Outcome {
  status: number;
  result: RawResult;
}

describe('the bad-input corpus', () => {
  let server: TestServer;
  let fixtures: Fixtures;
  let socket: RawGraphQLSocket;
  let snapshots: DatabaseSnapshots;

  beforeAll(async () => {
    server = await startTestServer({
      // Bodies up to 4 MB, so 1 MB strings reach the resolvers; no rate limit in the way of the table.
      env: { RUN_WORKER: 'true', MUTATION_RATE_BURST: '1000000', MUTATION_RATE_PER_SECOND: '1000000', MAX_BODY_BYTES: '4194304' },
    });
    fixtures = await makeFixtures(server);
    socket = await rawGraphQLSocket(server.wsUrl, server.adminKey);
    snapshots = await databaseSnapshots(server.db.url);
  }, 60_000);
  afterAll(async () => {
    await snapshots?.close();
    await socket?.close();
    await server?.close();
  });

  const overHttp = async (body: string): Promise<Outcome> => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminKey}` },
      body,
    });
    return { status: response.status, result: (await response.json()) as RawResult };
  };
  const transports: Record<'HTTP' | 'WebSocket', (input: BadInput) => Promise<Outcome>> = {
    HTTP: (input) => overHttp(input.rawBody ?? `{"query": ${JSON.stringify(input.query)}, "variables": ${jsonText(input.variables?.(fixtures) ?? {})}}`),
    WebSocket: async (input) => ({ status: 200, result: await socket.execute(input.query, jsonText(input.variables?.(fixtures) ?? {})) }),
  };

  it('has at least 60 inputs and attacks every mutation of the schema', async () => {
    const schema = await buildVelocitySchema();
    const mutations = Object.keys(schema.getMutationType()!.getFields()).sort();
    expect([...new Set(BAD_INPUTS.map((input) => input.mutation))].sort()).toEqual(mutations);
    expect(BAD_INPUTS.length + BAD_DEFINITIONS.length).toBeGreaterThanOrEqual(60);
  });

  describe.each(['HTTP', 'WebSocket'] as const)('over %s', (transport) => {
    const inputs = BAD_INPUTS.filter((input) => transport === 'HTTP' || input.rawBody === undefined);
    it.each(inputs)('refuses $mutation with $what as $code and changes nothing', async (input) => {
      const before = await snapshots.take();
      const { status, result } = await transports[transport](input);
      expect(status).toBeLessThan(500);
      expect(result.errors?.[0]?.extensions?.['code']).toBe(input.code);
      expect(result.errors!.map((error) => error.extensions?.['code'])).not.toContain('INTERNAL_SERVER_ERROR');
      expect(result.data?.[input.mutation] ?? null).toBeNull();
      expect(await snapshots.take()).toEqual(before);
    });
  });

  it.each(BAD_DEFINITIONS)('reports %s as problems in validateWorkflow and refuses it in createWorkflow', async (_what, definition) => {
    const before = await snapshots.take();
    const validation = await overHttp(
      `{"query": "query ($d: String!) { validateWorkflow(definition: $d) { valid problems { message path line } stepOrder } }", "variables": ${JSON.stringify({ d: definition })}}`,
    );
    expect(validation.result.errors).toBeUndefined();
    const report = validation.result.data!['validateWorkflow'] as { valid: boolean; problems: unknown[]; stepOrder: string[] };
    expect(report.valid).toBe(false);
    expect(report.problems.length).toBeGreaterThan(0);
    expect(report.stepOrder).toEqual([]);
    const created = await socket.execute(`mutation ($d: String!) { createWorkflow(input: { definition: $d }) { id } }`, JSON.stringify({ d: definition }));
    expect(created.errors?.[0]?.extensions?.['code']).toBe('INVALID_WORKFLOW');
    expect(created.errors![0]!.extensions!['problems']).toEqual(report.problems);
    expect(await snapshots.take()).toEqual(before);
  });

  it.each(NUL_QUERIES)('answers %s with a NUL byte as bad input, never as a failure', async (_what, query) => {
    const { status, result } = await overHttp(JSON.stringify({ query, variables: { v: 'x\u0000y' } }));
    expect(status).toBeLessThan(500);
    const code = result.errors?.[0]?.extensions?.['code'];
    // validateWorkflow answers with problems instead of an error.
    if (code === undefined) expect(result.data).toEqual({ validateWorkflow: { valid: false } });
    else expect(code).toBe('BAD_USER_INPUT');
  });

  it('keeps its socket, logs no unexpected error and still works after the whole table', async () => {
    expect(socket.closeCode()).toBeNull();
    expect(server.logs.filter((line) => /"level":(50|60)/.test(line))).toEqual([]);
    const run = await server.admin.data<{ runWorkflow: { id: string } }>(`mutation { runWorkflow(input: { name: "corpus-wf" }) { id } }`);
    expect(run.runWorkflow.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
