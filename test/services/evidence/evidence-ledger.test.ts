import { createHash, createPublicKey, verify } from 'node:crypto';
import { createDataSource } from '../../../src/db/data-source';
import { SYSTEM_ACTOR, type Services } from '../../../src/services';
import { ChangeRunner } from '../../../src/services/events/change-runner';
import { EvidenceService } from '../../../src/services/evidence/evidence.service';
import { canonicalJson } from '../../../src/services/evidence/canonical-json';
import { sql } from '../../support/test-database';
import { startTestServer, type TestServer } from '../../support/test-server';

async function newAgent(services: Services, name: string): Promise<string> {
  const agent = await services.agents.create(SYSTEM_ACTOR, { name, type: 'health-check', config: {} });
  return agent.id;
}

function record(n: number, extra: Partial<{ externalId: string; externalVersion: string; kind: string }> = {}) {
  return { source: 'test', kind: extra.kind ?? 'test.item', externalId: extra.externalId ?? null, externalVersion: extra.externalVersion ?? null, data: { n, nested: { b: [1, 2], a: 'x' } } };
}

describe('the evidence ledger', () => {
  let server: TestServer;
  let services: Services;
  beforeAll(async () => {
    server = await startTestServer();
    services = server.api.services;
  });
  afterAll(async () => {
    await server.close();
  });

  it('chains records by seq and prevSha256, hashing the canonical record and signing the hash with Ed25519', async () => {
    const agentId = await newAgent(services, 'chain');
    const taskId = '00000000-0000-4000-8000-000000000001';
    for (let n = 1; n <= 3; n += 1) await services.evidence.append(SYSTEM_ACTOR, agentId, taskId, record(n, { externalId: `x-${n}`, externalVersion: 'v1' }));
    const rows = await sql<{ seq: number; sha256: string; prev_sha256: string | null; signature: string; key_id: string; data: unknown; collected_at: Date; external_id: string }>(
      server.db.url,
      'SELECT seq, sha256, prev_sha256, signature, key_id, data, collected_at, external_id FROM evidence WHERE agent_id = $1 ORDER BY seq',
      [agentId],
    );
    expect(rows.map((row) => row.seq)).toEqual([1, 2, 3]);
    expect(rows[0]!.prev_sha256).toBeNull();
    expect(rows[1]!.prev_sha256).toBe(rows[0]!.sha256);
    expect(rows[2]!.prev_sha256).toBe(rows[1]!.sha256);
    const publicKey = createPublicKey(services.keys.publicKeyPem);
    for (const row of rows) {
      const canonical = canonicalJson({
        agentId,
        taskId,
        seq: row.seq,
        source: 'test',
        kind: 'test.item',
        externalId: row.external_id,
        externalVersion: 'v1',
        data: row.data,
        prevSha256: row.prev_sha256,
        collectedAt: row.collected_at.toISOString(),
      });
      expect(createHash('sha256').update(canonical).digest('hex')).toBe(row.sha256);
      expect(verify(null, Buffer.from(row.sha256), publicKey, Buffer.from(row.signature, 'base64'))).toBe(true);
      expect(row.key_id).toBe(createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex'));
    }
    await expect(services.evidence.verify(agentId)).resolves.toEqual({ ok: true, checked: 3, firstBadId: null, reason: null, publicKey: services.keys.publicKeyPem });
  });

  it('writes one EVIDENCE event and one audit line per new record, and nothing for a version already collected', async () => {
    const agentId = await newAgent(services, 'dedup');
    const first = await services.evidence.append(SYSTEM_ACTOR, agentId, null, record(1, { externalId: 'f-1', externalVersion: '2024-01-01' }));
    const again = await services.evidence.append(SYSTEM_ACTOR, agentId, null, record(1, { externalId: 'f-1', externalVersion: '2024-01-01' }));
    const newer = await services.evidence.append(SYSTEM_ACTOR, agentId, null, record(2, { externalId: 'f-1', externalVersion: '2024-01-02' }));
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    expect(newer.created).toBe(true);
    const events = await sql<{ data: { evidence: Record<string, unknown>; log: { message: string } } }>(
      server.db.url,
      `SELECT data FROM events WHERE agent_id = $1 AND kind = 'EVIDENCE' ORDER BY cursor`,
      [agentId],
    );
    expect(events).toHaveLength(2);
    expect(events[0]!.data.evidence).toEqual({ id: first.id, agentId, taskId: null, kind: 'test.item', externalId: 'f-1', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(events[0]!.data.log.message).toContain('evidence test.item #1 recorded');
    const audit = await sql<{ count: number }>(server.db.url, `SELECT count(*)::int AS count FROM agent_logs WHERE agent_id = $1 AND message LIKE 'evidence %'`, [agentId]);
    expect(audit[0]!.count).toBe(2);
  });

  it('keeps one unbroken chain when two processes append 50 records each, 20 at a time', async () => {
    // A second connection pool and ledger, as another API or worker process has.
    const otherPool = createDataSource({ url: server.db.url, poolSize: 10, applicationName: 'velocity-test-other' });
    await otherPool.initialize();
    try {
      const otherLedger = new EvidenceService(otherPool, new ChangeRunner(otherPool), services.keys);
      const agentId = await newAgent(services, 'concurrent');
      // Each process runs as many collectors at once as its pool has connections (as a worker
      // with WORKER_CONCURRENCY=10 would), each appending 5 records: 20 appends race at any moment.
      const collectors = [services.evidence, otherLedger].flatMap((ledger, process) =>
        Array.from({ length: 10 }, async (_, collector) => {
          for (let n = 0; n < 5; n += 1) await ledger.append(SYSTEM_ACTOR, agentId, null, record(process * 100 + collector * 10 + n));
        }),
      );
      await Promise.all(collectors);
      const rows = await sql<{ seq: number }>(server.db.url, 'SELECT seq FROM evidence WHERE agent_id = $1 ORDER BY seq', [agentId]);
      expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: 100 }, (_, index) => index + 1));
      const verification = await services.evidence.verify(agentId);
      expect(verification).toMatchObject({ ok: true, checked: 100 });
    } finally {
      await otherPool.destroy();
    }
  });

  it('lists newest first, by kind, with cursors', async () => {
    const agentId = await newAgent(services, 'listing');
    for (let n = 1; n <= 5; n += 1) await services.evidence.append(SYSTEM_ACTOR, agentId, null, record(n, { kind: n % 2 === 0 ? 'even' : 'odd' }));
    const page1 = await services.evidence.list({ agentId }, 2, null);
    expect(page1.totalCount).toBe(5);
    expect(page1.items.map((item) => item.seq)).toEqual([5, 4]);
    expect(page1.hasNextPage).toBe(true);
    const page2 = await services.evidence.list({ agentId }, 10, page1.cursors[1]);
    expect(page2.items.map((item) => item.seq)).toEqual([3, 2, 1]);
    expect(page2.hasNextPage).toBe(false);
    const odd = await services.evidence.list({ agentId, kind: 'odd' }, 10, null);
    expect(odd.items.map((item) => item.seq)).toEqual([5, 3, 1]);
  });

  it('refuses an append for an agent that does not exist, writing nothing', async () => {
    await expect(services.evidence.append(SYSTEM_ACTOR, '00000000-0000-4000-8000-00000000dead', null, record(1))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(services.evidence.append(SYSTEM_ACTOR, 'not-a-uuid', null, record(1))).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
