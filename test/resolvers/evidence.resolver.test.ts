import { SYSTEM_ACTOR } from '../../src/services';
import { errorCode } from '../support/graphql-client';
import { sql } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';

const EVIDENCE = `query ($agentId: ID, $kind: String, $first: Int, $after: String) {
  evidence(agentId: $agentId, kind: $kind, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id source kind externalId data sha256 prevSha256 signature collectedAt agent { id name type } task { id } } }
  }
}`;
const VERIFY = `query ($agentId: ID!) { verifyEvidence(agentId: $agentId) { ok checked firstBadId reason publicKey } }`;

interface EvidenceNode {
  id: string;
  kind: string;
  externalId: string | null;
  data: { n: number };
  sha256: string;
  prevSha256: string | null;
  signature: string;
  collectedAt: string;
  agent: { id: string; name: string; type: string };
  task: { id: string } | null;
}
interface EvidencePage {
  evidence: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: EvidenceNode }[] };
}

describe('evidence over GraphQL', () => {
  let server: TestServer;
  let agentId: string;
  let viewerKey: string;
  const ids: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    const services = server.api.services;
    const agent = await services.agents.create(SYSTEM_ACTOR, { name: 'ledger-owner', type: 'health-check', config: {} });
    agentId = agent.id;
    for (let n = 1; n <= 5; n += 1) {
      const kind = n <= 3 ? 'guardduty.finding' : 'guardduty.detector';
      ids.push((await services.evidence.append(SYSTEM_ACTOR, agentId, null, { source: 'aws.guardduty', kind, externalId: `ext-${n}`, externalVersion: 'v1', data: { n } })).id);
    }
    const created = await server.admin.data<{ createApiKey: { secret: string } }>(`mutation { createApiKey(name: "auditor", role: VIEWER) { secret } }`);
    viewerKey = created.createApiKey.secret;
  });
  afterAll(async () => {
    await server.close();
  });

  it('lists the evidence of an agent newest first with its agent, for a VIEWER', async () => {
    const viewer = server.as(viewerKey);
    const page = await viewer.data<EvidencePage>(EVIDENCE, { agentId, first: 2 });
    expect(page.evidence.totalCount).toBe(5);
    expect(page.evidence.pageInfo.hasNextPage).toBe(true);
    expect(page.evidence.edges.map((edge) => edge.node.id)).toEqual([ids[4], ids[3]]);
    const node = page.evidence.edges[0]!.node;
    expect(node).toMatchObject({ kind: 'guardduty.detector', externalId: 'ext-5', data: { n: 5 }, agent: { id: agentId, name: 'ledger-owner', type: 'health-check' }, task: null });
    expect(node.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(node.prevSha256).toBe(page.evidence.edges[1]!.node.sha256);
    expect(Buffer.from(node.signature, 'base64')).toHaveLength(64);
    const rest = await viewer.data<EvidencePage>(EVIDENCE, { agentId, first: 10, after: page.evidence.pageInfo.endCursor });
    expect(rest.evidence.edges.map((edge) => edge.node.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(rest.evidence.pageInfo.hasNextPage).toBe(false);
  });

  it('filters by kind, and lists across agents without agentId', async () => {
    const byKind = await server.admin.data<EvidencePage>(EVIDENCE, { agentId, kind: 'guardduty.finding' });
    expect(byKind.evidence.edges.map((edge) => edge.node.externalId)).toEqual(['ext-3', 'ext-2', 'ext-1']);
    const all = await server.admin.data<EvidencePage>(EVIDENCE, { kind: 'guardduty.detector' });
    expect(all.evidence.totalCount).toBe(2);
  });

  it('verifies the chain and returns the public key, then names a tampered record', async () => {
    const { verifyEvidence } = await server.as(viewerKey).data<{ verifyEvidence: Record<string, unknown> }>(VERIFY, { agentId });
    expect(verifyEvidence).toEqual({ ok: true, checked: 5, firstBadId: null, reason: null, publicKey: server.api.services.keys.publicKeyPem });
    expect(verifyEvidence['publicKey']).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    await sql(server.db.url, `UPDATE evidence SET data = '{"n": 99}' WHERE id = $1`, [ids[3]]);
    const after = await server.admin.data<{ verifyEvidence: Record<string, unknown> }>(VERIFY, { agentId });
    expect(after.verifyEvidence).toMatchObject({ ok: false, checked: 4, firstBadId: ids[3], reason: expect.stringMatching(/^changed data/) });
    await sql(server.db.url, `UPDATE evidence SET data = '{"n": 4}' WHERE id = $1`, [ids[3]]);
  });

  it('puts EVIDENCE events in the event stream', async () => {
    const { events } = await server.admin.data<{ events: { edges: { node: { kind: string; agentId: string; data: { evidence: { id: string; sha256: string } } } }[] } }>(
      `query ($agentId: ID) { events(after: "0", agentId: $agentId, kinds: [EVIDENCE]) { edges { node { kind agentId data } } } }`,
      { agentId },
    );
    expect(events.edges.map((edge) => edge.node.data.evidence.id)).toEqual(ids);
  });

  it('refuses bad arguments and missing keys with the contract codes', async () => {
    expect(errorCode(await server.as(null).request(VERIFY, { agentId }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await server.admin.request(VERIFY, { agentId: 'nope' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await server.admin.request(VERIFY, { agentId: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
    expect(errorCode(await server.admin.request(EVIDENCE, { agentId, after: 'garbage' }))).toBe('BAD_USER_INPUT');
  });
});
