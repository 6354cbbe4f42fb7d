import { FakeGuardDuty } from '../../support/fake-guardduty';
import { distribute, taskReaches } from '../../support/agents';
import { sql } from '../../support/test-database';
import { startTestServer, type TestServer } from '../../support/test-server';
import { waitFor } from '../../support/wait-for';

const ACCESS_KEY_ID = 'AKIAVELOCITYE2E00001';
const SECRET = 'e2e/SECRET+ACCESS+KEY+never+shown+0123';
const SESSION_TOKEN = 'e2e-session-token-never-shown-4567';

const CREATE = `mutation ($input: CreateAgentInput!) { createAgent(input: $input) { id config } }`;
const AGENT = `query ($id: ID!) { agent(id: $id) { status statusReason } }`;

describe('an aws-guardduty agent end to end (GraphQL, worker, real SDK, GuardDuty-compatible server)', () => {
  let server: TestServer;
  let fake: FakeGuardDuty;

  beforeAll(async () => {
    fake = await FakeGuardDuty.start([ACCESS_KEY_ID]);
    server = await startTestServer({ env: { RUN_WORKER: 'true' } });
  });
  afterAll(async () => {
    await server.close();
    await fake.close();
  });

  async function createAgent(name: string, accessKeyId: string): Promise<string> {
    const config = { region: 'eu-west-1', accessKeyId, secretAccessKey: SECRET, sessionToken: SESSION_TOKEN, endpoint: fake.url };
    const { createAgent: agent } = await server.admin.data<{ createAgent: { id: string; config: Record<string, unknown> } }>(CREATE, { input: { name, type: 'aws-guardduty', config } });
    expect(agent.config).toEqual({ ...config, secretAccessKey: '********', sessionToken: '********' });
    await server.admin.data(`mutation ($id: ID!) { startAgent(id: $id) { status } }`, { id: agent.id });
    return agent.id;
  }

  async function settledStatus(id: string): Promise<{ status: string; statusReason: string | null }> {
    return waitFor(async () => {
      const { agent } = await server.admin.data<{ agent: { status: string; statusReason: string | null } }>(AGENT, { id });
      return agent.status === 'RUNNING' || agent.status === 'ERROR' ? agent : undefined;
    }, `agent ${id} to leave STARTING`);
  }

  it('starts, collects findings and detector status into a verifiable chain, with no duplicate on a second run', async () => {
    const detector = fake.addDetector({ id: 'e2e-detector' });
    fake.addFindings(detector.id, 75);
    fake.failNext('throttle', { times: 2, operation: 'GetFindings' });
    const agentId = await createAgent('guardduty-e2e', ACCESS_KEY_ID);
    expect(await settledStatus(agentId)).toEqual({ status: 'RUNNING', statusReason: null });

    const task = await distribute(server.admin, { agentId, type: 'guardduty.collect-findings', payload: {} });
    const done = await taskReaches(server.admin, task.id, ['SUCCEEDED', 'FAILED'], 60_000);
    expect(done).toMatchObject({ status: 'SUCCEEDED', result: { detectors: 1, listed: 75, fetched: 75, created: 75, duplicates: 0 } });
    const status = await distribute(server.admin, { agentId, type: 'guardduty.detector-status' });
    expect(await taskReaches(server.admin, status.id, ['SUCCEEDED', 'FAILED'])).toMatchObject({ status: 'SUCCEEDED', result: { detectors: 1, created: 1 } });
    const again = await distribute(server.admin, { agentId, type: 'guardduty.collect-findings', payload: { minSeverity: 0 } });
    expect(await taskReaches(server.admin, again.id, ['SUCCEEDED', 'FAILED'], 60_000)).toMatchObject({ status: 'SUCCEEDED', result: { created: 0, duplicates: 75 } });

    const { evidence } = await server.admin.data<{ evidence: { totalCount: number; edges: { node: { kind: string; externalId: string; task: { id: string; status: string } } }[] } }>(
      `query ($agentId: ID) { evidence(agentId: $agentId, kind: "guardduty.finding", first: 3) { totalCount edges { node { kind externalId task { id status } } } } }`,
      { agentId },
    );
    expect(evidence.totalCount).toBe(75);
    expect(evidence.edges[0]!.node.task).toEqual({ id: task.id, status: 'SUCCEEDED' });
    const { verifyEvidence } = await server.admin.data<{ verifyEvidence: { ok: boolean; checked: number } }>(`query ($id: ID!) { verifyEvidence(agentId: $id) { ok checked } }`, { id: agentId });
    expect(verifyEvidence).toEqual({ ok: true, checked: 76 });

    // Secrets are nowhere in plain text: not in the row, the events, the audit log or the server's log.
    const rows = await sql<{ text: string }>(
      server.db.url,
      `SELECT (SELECT config::text FROM agent_instances WHERE id = $1) || (SELECT coalesce(string_agg(data::text, ''), '') FROM events) || (SELECT coalesce(string_agg(message || coalesce(metadata::text, ''), ''), '') FROM agent_logs) AS text`,
      [agentId],
    );
    for (const secret of [SECRET, SESSION_TOKEN]) {
      expect(rows[0]!.text).not.toContain(secret);
      expect(server.logs.join('')).not.toContain(secret);
    }
  });

  it('puts an agent with bad credentials in ERROR with the AWS error code in statusReason', async () => {
    const agentId = await createAgent('guardduty-bad-key', 'AKIAUNKNOWNE2E000001');
    const agent = await settledStatus(agentId);
    expect(agent.status).toBe('ERROR');
    expect(agent.statusReason).toContain('UnrecognizedClientException');
    expect(agent.statusReason).not.toContain(SECRET);
  });

  it('fails a collection refused with AccessDenied at once, with a clear error and no retry', async () => {
    fake.addDetector();
    const agentId = await createAgent('guardduty-denied', ACCESS_KEY_ID);
    expect((await settledStatus(agentId)).status).toBe('RUNNING');
    fake.failNext('access-denied', { operation: 'ListFindings', times: 10 });
    const task = await distribute(server.admin, { agentId, type: 'guardduty.collect-findings', maxAttempts: 3 });
    const failed = await taskReaches(server.admin, task.id, ['SUCCEEDED', 'FAILED']);
    expect(failed.status).toBe('FAILED');
    // Permissions are the operator's to fix: the two remaining attempts are not spent.
    expect(failed.attempts).toBe(1);
    expect(failed.error).toMatch(/GuardDuty ListFindings failed: AccessDeniedException: .*not authorized/);
    fake.clearFailures();
  });
});
