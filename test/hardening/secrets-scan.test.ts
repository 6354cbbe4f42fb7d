import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import type { Client } from 'graphql-ws';
import { distribute, runningAgent, taskReaches } from '../support/agents';
import { createKey } from '../support/api-keys';
import { FakeGuardDuty } from '../support/fake-guardduty';
import type { GraphQLClient } from '../support/graphql-client';
import { eventually, subscribe, type Subscription } from '../support/live';
import { sql } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';
import { wsClient } from '../support/ws-client';

// A full scenario with secrets (an aws-guardduty agent with a secret key and a session token,
// a refused config carrying another secret, an API key made through the API, the admin key),
// then a scan of everything that could keep or show one: a dump of the database, the server's
// log, every GraphQL response, every event. None may hold a secret in plain text.

const ACCESS_KEY_ID = 'AKIASECRETSCAN000001';
const AWS_SECRET = `scan/AWS+secret+${randomBytes(12).toString('hex')}`;
const SESSION_TOKEN = `scan-session-token-${randomBytes(24).toString('base64url')}`;
const REFUSED_SECRET = `scan/refused+secret+${randomBytes(12).toString('hex')}`;

/** The database as text: `pg_dump --data-only`; the rows as text when pg_dump cannot read this server (an embedded PostgreSQL of another version). */
async function dumpDatabase(url: string): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)('pg_dump', ['--data-only', url], { maxBuffer: 256 * 1024 * 1024 });
    return stdout;
  } catch (error: unknown) {
    if (!process.env['VELOCITY_TEST_EMBEDDED']) throw error;
    const tables = await sql<{ name: string }>(url, `SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) AS name FROM pg_tables WHERE schemaname IN ('public', 'graphile_worker')`);
    const parts = await Promise.all(tables.map(async ({ name }) => (await sql<{ row: string }>(url, `SELECT t::text AS row FROM ${name} t`)).map((row) => row.row).join('\n')));
    return parts.join('\n');
  }
}

describe('secrets after a full scenario', () => {
  let server: TestServer;
  let fake: FakeGuardDuty;
  let socket: Client;
  const responses: string[] = [];
  const streams: Subscription<unknown>[] = [];
  let createdKeySecret: string;

  /** A client that keeps every response body it receives, for the scan. */
  const recording = (inner: GraphQLClient): GraphQLClient => {
    const client: GraphQLClient = {
      key: inner.key,
      async request(query, variables, headers) {
        const response = await inner.request(query, variables, headers);
        responses.push(JSON.stringify({ data: response.data, errors: response.errors }));
        return response as never;
      },
      async data(query, variables) {
        const response = await client.request(query, variables);
        if (response.errors && response.errors.length > 0) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
        return response.data as never;
      },
    };
    return client;
  };

  beforeAll(async () => {
    fake = await FakeGuardDuty.start([ACCESS_KEY_ID]);
    const detector = fake.addDetector({ id: 'scan-detector' });
    fake.addFindings(detector.id, 60);
    server = await startTestServer({ env: { RUN_WORKER: 'true', LOG_LEVEL: 'debug' } });
    socket = wsClient(server.wsUrl, server.adminKey);
  });
  afterAll(async () => {
    for (const stream of streams) stream.unsubscribe();
    await socket?.dispose();
    await server?.close();
    await fake?.close();
  });

  it('keeps no plain-text secret in the database, the log, any response or any event', async () => {
    const admin = recording(server.admin);
    // Live streams see every event and every audit line as they happen.
    streams.push(subscribe(socket, `subscription { events(after: "0") { cursor kind data actor } }`));
    streams.push(subscribe(socket, `subscription { agentLogAdded { message metadata actor } }`));
    streams.push(subscribe(socket, `subscription { agentStatusChanged { status agent { name config statusReason } } }`));

    const config = { region: 'us-east-1', accessKeyId: ACCESS_KEY_ID, secretAccessKey: AWS_SECRET, sessionToken: SESSION_TOKEN, endpoint: fake.url };
    const { createAgent } = await admin.data<{ createAgent: { id: string; config: Record<string, unknown> } }>(
      `mutation ($input: CreateAgentInput!) { createAgent(input: $input) { id config } }`,
      { input: { name: 'scan-guardduty', type: 'aws-guardduty', config } },
    );
    const agentId = createAgent.id;
    expect(createAgent.config).toMatchObject({ secretAccessKey: '********', sessionToken: '********' });
    await admin.data(`mutation ($id: ID!) { startAgent(id: $id) { status } }`, { id: agentId });
    await waitFor(async () => {
      const { agent } = await admin.data<{ agent: { status: string } }>(`query ($id: ID!) { agent(id: $id) { status } }`, { id: agentId });
      return agent.status === 'RUNNING' ? true : undefined;
    }, 'the collector to run');

    for (const type of ['guardduty.detector-status', 'guardduty.collect-findings']) {
      const task = await distribute(admin, { agentId, type });
      expect((await taskReaches(admin, task.id, ['SUCCEEDED', 'FAILED'], 60_000)).status).toBe('SUCCEEDED');
    }
    fake.failNext('access-denied', { operation: 'ListFindings' });
    const denied = await distribute(admin, { agentId, type: 'guardduty.collect-findings' });
    expect((await taskReaches(admin, denied.id, ['SUCCEEDED', 'FAILED'], 60_000)).status).toBe('FAILED');

    // "********" keeps the stored secrets: the collector goes on working with them.
    await admin.data(`mutation ($id: ID!, $input: UpdateAgentInput!) { updateAgent(id: $id, input: $input) { config } }`, {
      id: agentId,
      input: { config: { ...config, secretAccessKey: '********', sessionToken: '********' }, maxConcurrency: 3 },
    });
    const again = await distribute(admin, { agentId, type: 'guardduty.collect-findings', payload: { minSeverity: 0 } });
    expect(await taskReaches(admin, again.id, ['SUCCEEDED', 'FAILED'], 60_000)).toMatchObject({ status: 'SUCCEEDED', result: { duplicates: 60 } });
    // A refused config carrying a new secret keeps nothing of it either.
    const refused = await admin.request(`mutation ($id: ID!, $input: UpdateAgentInput!) { updateAgent(id: $id, input: $input) { id } }`, {
      id: agentId,
      input: { config: { ...config, secretAccessKey: REFUSED_SECRET, region: 'mars' } },
    });
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');

    const created = await createKey(admin, 'scan-key', 'OPERATOR');
    createdKeySecret = created.secret;
    // The one place a key's secret may be: the createApiKey answer that hands it out, once.
    const handedOut = responses.pop()!;
    expect(handedOut).toContain(createdKeySecret);
    const operator = recording(server.as(createdKeySecret));
    expect(await operator.data(`{ me { name role } }`)).toEqual({ me: { name: 'scan-key', role: 'OPERATOR' } });
    await runningAgent(operator, 'scan-probe').catch(() => undefined); // refused (createAgent needs ADMIN): its response is scanned too
    await admin.data(`mutation ($id: ID!) { stopAgent(id: $id) { status } }`, { id: agentId });
    await admin.data(`query ($id: ID!) { agent(id: $id) { config logs(first: 100) { edges { node { message metadata } } } } apiKeys { name prefix } }`, { id: agentId });
    await admin.data(`query ($id: ID) { evidence(agentId: $id, first: 100) { edges { node { data } } } auditLog(first: 200) { edges { node { message metadata actor } } } }`, { id: agentId });

    // Every event, from the start of the log.
    const events: string[] = [];
    let after = '0';
    for (;;) {
      const page = await admin.data<{ events: { edges: { cursor: string; node: unknown }[]; pageInfo: { hasNextPage: boolean } } }>(
        `query ($after: String) { events(after: $after, first: 500) { edges { cursor node { kind status data actor correlationId } } pageInfo { hasNextPage } } }`,
        { after },
      );
      events.push(...page.events.edges.map((edge) => JSON.stringify(edge.node)));
      if (!page.events.pageInfo.hasNextPage || page.events.edges.length === 0) break;
      after = page.events.edges[page.events.edges.length - 1]!.cursor;
    }
    const head = await sql<{ n: string }>(server.db.url, 'SELECT count(*) AS n FROM events');
    expect(events.length).toBe(Number(head[0]!.n));
    await eventually(() => streams[0]!.values.length >= events.length, 10_000, 'the live stream to see every event');

    const dump = await dumpDatabase(server.db.url);
    expect(dump).toContain('scan-guardduty');
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const places: Record<string, string> = {
      'the database dump': dump,
      'the server log': server.logs.join('\n'),
      'the GraphQL responses': responses.join('\n'),
      'the events': events.join('\n'),
      'the live streams': JSON.stringify(streams.map((stream) => [stream.values, stream.nextErrors])),
      '/metrics': metrics,
    };
    const secrets: Record<string, string> = {
      'the AWS secret access key': AWS_SECRET,
      'the AWS session token': SESSION_TOKEN,
      'the refused secret': REFUSED_SECRET,
      'the created API key': createdKeySecret,
      'the admin key': server.adminKey,
    };
    expect(responses.length).toBeGreaterThan(20);
    const found = Object.entries(places).flatMap(([place, text]) =>
      Object.entries(secrets)
        .filter(([, secret]) => text.includes(secret))
        .map(([name]) => `${name} in ${place}`),
    );
    expect(found).toEqual([]);
  }, 120_000);
});
