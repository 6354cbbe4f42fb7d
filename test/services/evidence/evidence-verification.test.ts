import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { SYSTEM_ACTOR, type Services } from '../../../src/services';
import { evidenceDigest, signDigest } from '../../../src/services/evidence/evidence-chain';
import { EvidenceService } from '../../../src/services/evidence/evidence.service';
import { sql } from '../../support/test-database';
import { startTestServer, type TestServer } from '../../support/test-server';

/** An agent with a chain of `count` records; returns the agent id and the record ids in seq order. */
async function chain(services: Services, name: string, count: number): Promise<{ agentId: string; ids: string[] }> {
  const agent = await services.agents.create(SYSTEM_ACTOR, { name, type: 'health-check', config: {} });
  const ids: string[] = [];
  for (let n = 1; n <= count; n += 1) {
    const appended = await services.evidence.append(SYSTEM_ACTOR, agent.id, null, { source: 'test', kind: 'test.item', externalId: `item-${n}`, externalVersion: '1', data: { n, ok: true } });
    ids.push(appended.id);
  }
  return { agentId: agent.id, ids };
}

function otherKeys() {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { signingKey: privateKey, publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString() };
}

describe('evidence verification', () => {
  let server: TestServer;
  let services: Services;
  beforeAll(async () => {
    server = await startTestServer();
    services = server.api.services;
  });
  afterAll(async () => {
    await server.close();
  });

  it('names the record whose data was changed in the database', async () => {
    const { agentId, ids } = await chain(services, 'tampered', 5);
    await sql(server.db.url, `UPDATE evidence SET data = jsonb_set(data, '{ok}', 'false') WHERE id = $1`, [ids[2]]);
    const result = await services.evidence.verify(agentId);
    expect(result).toMatchObject({ ok: false, checked: 3, firstBadId: ids[2], publicKey: services.keys.publicKeyPem });
    expect(result.reason).toMatch(/^changed data/);
  });

  it('names the record after a deleted one as a broken link', async () => {
    const { agentId, ids } = await chain(services, 'deleted-middle', 5);
    await sql(server.db.url, 'DELETE FROM evidence WHERE id = $1', [ids[1]]);
    const result = await services.evidence.verify(agentId);
    expect(result).toMatchObject({ ok: false, checked: 2, firstBadId: ids[2] });
    expect(result.reason).toMatch(/^broken link: seq 3 follows seq 1/);
  });

  it('names the new first record when the first one was deleted', async () => {
    const { agentId, ids } = await chain(services, 'deleted-first', 3);
    await sql(server.db.url, 'DELETE FROM evidence WHERE id = $1', [ids[0]]);
    const result = await services.evidence.verify(agentId);
    expect(result).toMatchObject({ ok: false, checked: 1, firstBadId: ids[1] });
    expect(result.reason).toMatch(/^broken link: the chain starts at seq 2/);
  });

  it('names the deleted newest record through the EVIDENCE event that recorded it', async () => {
    const { agentId, ids } = await chain(services, 'deleted-last', 3);
    await sql(server.db.url, 'DELETE FROM evidence WHERE id = $1', [ids[2]]);
    const result = await services.evidence.verify(agentId);
    expect(result).toMatchObject({ ok: false, checked: 2, firstBadId: ids[2] });
    expect(result.reason).toMatch(/^missing record: an EVIDENCE event recorded/);
  });

  it('names a record rewritten with a recomputed hash but no valid signature', async () => {
    const { agentId, ids } = await chain(services, 'forged', 4);
    const [row] = await sql<{ seq: number; prev_sha256: string; collected_at: Date }>(server.db.url, 'SELECT seq, prev_sha256, collected_at FROM evidence WHERE id = $1', [ids[3]]);
    const data = { n: 4, ok: 'forged' };
    const sha256 = evidenceDigest({ agentId, taskId: null, seq: row!.seq, source: 'test', kind: 'test.item', externalId: 'item-4', externalVersion: '1', data, prevSha256: row!.prev_sha256, collectedAt: row!.collected_at });
    const forger = otherKeys();
    await sql(server.db.url, 'UPDATE evidence SET data = $2, sha256 = $3, signature = $4 WHERE id = $1', [ids[3], JSON.stringify(data), sha256, signDigest(forger.signingKey, sha256)]);
    const result = await services.evidence.verify(agentId);
    expect(result).toMatchObject({ ok: false, checked: 4, firstBadId: ids[3] });
    expect(result.reason).toMatch(/^bad signature/);
  });

  it('reports the first record as badly signed when the server signing key was swapped', async () => {
    const { agentId, ids } = await chain(services, 'swapped-key', 3);
    const swapped = otherKeys();
    const ledger = new EvidenceService(services.dataSource, services.changes, swapped);
    const result = await ledger.verify(agentId);
    expect(result).toMatchObject({ ok: false, checked: 1, firstBadId: ids[0], publicKey: swapped.publicKeyPem });
    expect(result.reason).toMatch(/^bad signature: signed by key [0-9a-f]{64}, not by the current evidence signing key [0-9a-f]{64}$/);
    // The original key still verifies the whole chain.
    await expect(services.evidence.verify(agentId)).resolves.toMatchObject({ ok: true, checked: 3 });
  });

  it('verifies a chain signed before and after a key rotation once the earlier key is given as previous, and names the first record otherwise or when the earlier key signs again', async () => {
    const { agentId, ids } = await chain(services, 'rotated-key', 2);
    // The rotation: a new signing key appends to the same chain.
    const rotated = otherKeys();
    const afterRotation = new EvidenceService(services.dataSource, services.changes, rotated);
    for (const n of [3, 4]) await afterRotation.append(SYSTEM_ACTOR, agentId, null, { source: 'test', kind: 'test.item', externalId: `item-${n}`, externalVersion: '1', data: { n, ok: true } });
    const alone = await afterRotation.verify(agentId);
    expect(alone).toMatchObject({ ok: false, checked: 1, firstBadId: ids[0] });
    expect(alone.reason).toMatch(/^bad signature: signed by key [0-9a-f]{64}, not by the current evidence signing key [0-9a-f]{64}$/);
    const withPrevious = new EvidenceService(services.dataSource, services.changes, { ...rotated, previousPublicKeys: [createPublicKey(services.keys.signingKey)] });
    await expect(withPrevious.verify(agentId)).resolves.toMatchObject({ ok: true, checked: 4, publicKey: rotated.publicKeyPem });
    // The retired key cannot vouch for a record appended after its successor's (say it leaked).
    const late = await services.evidence.append(SYSTEM_ACTOR, agentId, null, { source: 'test', kind: 'test.item', externalId: 'item-5', externalVersion: '1', data: { n: 5, ok: true } });
    const retired = await withPrevious.verify(agentId);
    expect(retired).toMatchObject({ ok: false, checked: 5, firstBadId: late.id });
    expect(retired.reason).toMatch(/^bad signature: signed by key [0-9a-f]{64}, retired before key [0-9a-f]{64} signed seq 4$/);
    // A previous key vouches only for what it signed: a record forged under its name fails.
    await sql(server.db.url, `UPDATE evidence SET signature = $2 WHERE id = $1`, [ids[1], signDigest(otherKeys().signingKey, 'forged')]);
    const forged = await withPrevious.verify(agentId);
    expect(forged).toMatchObject({ ok: false, checked: 2, firstBadId: ids[1] });
    expect(forged.reason).toMatch(/^bad signature: the signature does not verify with the previous evidence signing key [0-9a-f]{64}$/);
  });

  it('verifies an empty chain and refuses an unknown agent', async () => {
    const agent = await services.agents.create(SYSTEM_ACTOR, { name: 'empty', type: 'health-check', config: {} });
    await expect(services.evidence.verify(agent.id)).resolves.toMatchObject({ ok: true, checked: 0, firstBadId: null });
    await expect(services.evidence.verify('00000000-0000-4000-8000-00000000beef')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
