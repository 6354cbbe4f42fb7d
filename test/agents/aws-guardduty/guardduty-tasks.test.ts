import type { TaskContext } from '../../../src/agents/agent-type';
import { awsGuardDutyAgent } from '../../../src/agents/aws-guardduty/aws-guardduty.agent';
import type { GuardDutyAgentConfig } from '../../../src/agents/aws-guardduty/guardduty-client';
import { SYSTEM_ACTOR, type Services } from '../../../src/services';
import { FakeGuardDuty } from '../../support/fake-guardduty';
import { handlerContext, type HandlerContextOptions } from '../../support/handler-context';
import { sql } from '../../support/test-database';
import { startTestServer, type TestServer } from '../../support/test-server';

const ACCESS_KEY_ID = 'AKIAVELOCITYTEST0001';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYTESTSECRET';
const detectorStatus = awsGuardDutyAgent.taskTypes['guardduty.detector-status']!;
const collectFindings = awsGuardDutyAgent.taskTypes['guardduty.collect-findings']!;

describe('aws-guardduty task handlers against a GuardDuty-compatible server', () => {
  let server: TestServer;
  let services: Services;
  let fake: FakeGuardDuty;
  let agentCount = 0;

  async function newAgent(accessKeyId = ACCESS_KEY_ID): Promise<string> {
    agentCount += 1;
    const config = { region: 'us-east-1', accessKeyId, secretAccessKey: SECRET, endpoint: fake.url };
    const agent = await services.agents.create(SYSTEM_ACTOR, { name: `guardduty-${agentCount}`, type: 'aws-guardduty', config });
    return agent.id;
  }

  function context(agentId: string, options: HandlerContextOptions = {}): Promise<TaskContext<GuardDutyAgentConfig>> {
    return handlerContext<GuardDutyAgentConfig>(services, agentId, options);
  }

  async function evidenceOf(agentId: string, kind: string) {
    return sql<{ external_id: string; external_version: string; data: Record<string, unknown> }>(
      server.db.url,
      'SELECT external_id, external_version, data FROM evidence WHERE agent_id = $1 AND kind = $2 ORDER BY seq',
      [agentId, kind],
    );
  }

  beforeAll(async () => {
    server = await startTestServer();
    services = server.api.services;
  });
  beforeEach(async () => {
    fake = await FakeGuardDuty.start([ACCESS_KEY_ID]);
  });
  afterEach(async () => {
    await fake.close();
  });
  afterAll(async () => {
    await server.close();
  });

  it('records one guardduty.detector per detector, and none again while nothing changed', async () => {
    const a = fake.addDetector({ id: 'detector-a', findingPublishingFrequency: 'FIFTEEN_MINUTES' });
    fake.addDetector({ id: 'detector-b', status: 'DISABLED' });
    const agentId = await newAgent();
    await expect(detectorStatus.handle(await context(agentId))).resolves.toEqual({ detectors: 2, created: 2, duplicates: 0 });
    const records = await evidenceOf(agentId, 'guardduty.detector');
    expect(records.map((record) => record.external_id)).toEqual(['detector-a', 'detector-b']);
    expect(records[0]!.data).toMatchObject({
      detectorId: 'detector-a',
      status: 'ENABLED',
      findingPublishingFrequency: 'FIFTEEN_MINUTES',
      createdAt: '2024-01-02T03:04:05.000Z',
      features: [{ Name: 'CLOUD_TRAIL', Status: 'ENABLED', UpdatedAt: '2024-01-02T03:04:05.000Z' }, { Name: 'S3_DATA_EVENTS', Status: 'ENABLED' }],
    });
    expect(records[1]!.data).toMatchObject({ detectorId: 'detector-b', status: 'DISABLED' });
    expect(records[0]!.external_version).toMatch(/^sha256:[0-9a-f]{64}$/);

    await expect(detectorStatus.handle(await context(agentId))).resolves.toEqual({ detectors: 2, created: 0, duplicates: 2 });
    a.status = 'DISABLED';
    await expect(detectorStatus.handle(await context(agentId))).resolves.toEqual({ detectors: 2, created: 1, duplicates: 1 });
    await expect(services.evidence.verify(agentId)).resolves.toMatchObject({ ok: true, checked: 3 });
  });

  it('collects paginated findings, fetching them in batches of 50, with one record per finding', async () => {
    const detector = fake.addDetector();
    fake.addFindings(detector.id, 120);
    fake.pageSize = 20;
    const agentId = await newAgent();
    const result = await collectFindings.handle(await context(agentId));
    expect(result).toEqual({ detectors: 1, listed: 120, fetched: 120, created: 120, duplicates: 0, belowMinSeverity: 0 });
    expect(fake.requestsOf('ListFindings')).toHaveLength(6);
    expect(fake.requestsOf('GetFindings').map((request) => (request.body!['findingIds'] as string[]).length)).toEqual([50, 50, 20]);
    const records = await evidenceOf(agentId, 'guardduty.finding');
    expect(new Set(records.map((record) => record.external_id))).toEqual(new Set(detector.findings.map((finding) => finding.id)));
    expect(records[0]!.data).toMatchObject({ Id: records[0]!.external_id, AccountId: '123456789012', Resource: { ResourceType: 'Instance' } });
    expect(records[0]!.external_version).toBe('2024-02-01T00:00:00.000Z');
  });

  it('makes no new record on a second collection, and a new one for a finding whose updatedAt changed', async () => {
    const detector = fake.addDetector();
    const findings = fake.addFindings(detector.id, 60);
    const agentId = await newAgent();
    await collectFindings.handle(await context(agentId));
    await expect(collectFindings.handle(await context(agentId))).resolves.toMatchObject({ listed: 60, created: 0, duplicates: 60 });
    findings[7]!.updatedAt = '2024-03-01T00:00:00.000Z';
    await expect(collectFindings.handle(await context(agentId))).resolves.toMatchObject({ listed: 60, created: 1, duplicates: 59 });
    const versions = (await evidenceOf(agentId, 'guardduty.finding')).filter((record) => record.external_id === findings[7]!.id).map((record) => record.external_version);
    expect(versions).toEqual(['2024-02-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z']);
    await expect(services.evidence.verify(agentId)).resolves.toMatchObject({ ok: true, checked: 61 });
  });

  it('asks ListFindings for severity >= minSeverity and stops at maxFindings', async () => {
    const detector = fake.addDetector();
    fake.addFindings(detector.id, 30, (index) => (index % 3 === 0 ? 8 : 2));
    const agentId = await newAgent();
    await expect(collectFindings.handle(await context(agentId, { payload: { minSeverity: 7 } }))).resolves.toMatchObject({ listed: 10, created: 10 });
    expect(fake.requestsOf('ListFindings')[0]!.body!['findingCriteria']).toEqual({ criterion: { severity: { greaterThanOrEqual: 7 } } });
    const other = await newAgent();
    await expect(collectFindings.handle(await context(other, { payload: { maxFindings: 4 } }))).resolves.toMatchObject({ listed: 4, fetched: 4, created: 4 });
  });

  it('retries throttled calls (429 ThrottlingException) with backoff and then succeeds', async () => {
    const detector = fake.addDetector();
    fake.addFindings(detector.id, 5);
    fake.failNext('throttle', { times: 2, operation: 'ListFindings' });
    fake.failNext('throttle', { times: 1, operation: 'GetFindings' });
    const agentId = await newAgent();
    await expect(collectFindings.handle(await context(agentId))).resolves.toMatchObject({ listed: 5, created: 5 });
    expect(fake.requestsOf('ListFindings').map((request) => request.status)).toEqual([429, 429, 200]);
    expect(fake.requestsOf('GetFindings').map((request) => request.status)).toEqual([429, 200]);
  });

  it('fails with the throttling error once every attempt was throttled', async () => {
    fake.addDetector();
    fake.failNext('throttle', { times: 10, operation: 'ListDetectors' });
    const agentId = await newAgent();
    await expect(detectorStatus.handle(await context(agentId))).rejects.toThrow('GuardDuty ListDetectors failed: ThrottlingException: Rate exceeded (still throttled after every retry)');
    expect(fake.requestsOf('ListDetectors')).toHaveLength(5);
  });

  it('fails the task with a clear error on AccessDenied, without retrying', async () => {
    const detector = fake.addDetector();
    fake.addFindings(detector.id, 3);
    fake.failNext('access-denied', { operation: 'GetFindings' });
    const agentId = await newAgent();
    const failure = collectFindings.handle(await context(agentId));
    await expect(failure).rejects.toThrow(/^GuardDuty GetFindings failed: AccessDeniedException: User: .* is not authorized to perform: guardduty:GetFindings \(the agent's credentials are not allowed/);
    expect(fake.requestsOf('GetFindings')).toHaveLength(1);
    expect(await evidenceOf(agentId, 'guardduty.finding')).toHaveLength(0);
  });

  it('fails the task with a clear error on a body that is not JSON', async () => {
    fake.addDetector();
    fake.failNext('invalid-json', { operation: 'ListDetectors' });
    const agentId = await newAgent();
    await expect(detectorStatus.handle(await context(agentId))).rejects.toThrow(/^GuardDuty ListDetectors returned a malformed response: the body is not valid JSON/);
  });

  it('fails the task with a clear error on JSON of the wrong shape', async () => {
    const detector = fake.addDetector();
    fake.addFindings(detector.id, 3);
    fake.failNext('wrong-shape', { operation: 'ListFindings' });
    const agentId = await newAgent();
    await expect(collectFindings.handle(await context(agentId))).rejects.toThrow('GuardDuty ListFindings returned a malformed response: findingIds is not a list of strings');
    fake.failNext('wrong-shape', { operation: 'GetFindings' });
    await expect(collectFindings.handle(await context(agentId))).rejects.toThrow('GuardDuty GetFindings returned a malformed response: findings[0].id is missing');
  });

  it('stops when its signal aborts', async () => {
    fake.addDetector();
    fake.failNext('throttle', { times: 4 });
    const agentId = await newAgent();
    const controller = new AbortController();
    const running = detectorStatus.handle(await context(agentId, { controller }));
    controller.abort(new Error('task cancelled'));
    await expect(running).rejects.toThrow('task cancelled');
  });

  it('start checks the credentials with ListDetectors and names the AWS error code, never the secret', async () => {
    const good = await context(await newAgent());
    await expect(awsGuardDutyAgent.start!({ agentId: good.agentId, config: good.config, signal: good.signal, log: good.log })).resolves.toBeUndefined();
    const bad = await context(await newAgent('AKIAUNKNOWNKEY000001'));
    const failure = awsGuardDutyAgent.start!({ agentId: bad.agentId, config: bad.config, signal: bad.signal, log: bad.log });
    await expect(failure).rejects.toThrow(/UnrecognizedClientException: The security token included in the request is invalid/);
    await failure.catch((error: unknown) => expect(String((error as Error).message)).not.toContain(SECRET));
    expect(fake.requestsOf('ListDetectors').map((request) => request.accessKeyId)).toEqual([ACCESS_KEY_ID, 'AKIAUNKNOWNKEY000001']);
  });

  it('leaves one unbroken chain when two collections run at once on one agent', async () => {
    const detector = fake.addDetector();
    fake.addFindings(detector.id, 40);
    const agentId = await newAgent();
    const [first, second] = await Promise.all([collectFindings.handle(await context(agentId)), collectFindings.handle(await context(agentId))]);
    const created = (first as { created: number }).created + (second as { created: number }).created;
    expect(created).toBe(40);
    const seqs = await sql<{ seq: number }>(server.db.url, 'SELECT seq FROM evidence WHERE agent_id = $1 ORDER BY seq', [agentId]);
    expect(seqs.map((row) => row.seq)).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
    await expect(services.evidence.verify(agentId)).resolves.toMatchObject({ ok: true, checked: 40 });
  });
});
