import { createPublicKey, type KeyObject } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { evidenceDigest, publicKeyFingerprint, signatureValid } from './evidence-chain';
import { EVIDENCE_COLUMNS, evidenceFromRow, type EvidenceRow, type EvidenceView } from './evidence-row';

export interface EvidenceVerificationResult {
  ok: boolean;
  /** Records examined: all of them when ok, else up to and including the first bad one. */
  checked: number;
  firstBadId: string | null;
  reason: string | null;
  /** PEM of the Ed25519 public key the signatures were checked with. */
  publicKey: string;
}

/** Records read per round trip while walking a chain. */
const VERIFY_BATCH_SIZE = 500;

/**
 * The keys a chain is checked with, by fingerprint: earlier signing keys oldest first, then the
 * current one, each with its place in that order.
 */
interface TrustedKeys {
  currentFingerprint: string;
  byFingerprint: ReadonlyMap<string, { key: KeyObject; order: number }>;
}

/** Why one record breaks the chain, or null when it is sound. */
function problemOf(record: EvidenceView, previous: EvidenceView | null, keys: TrustedKeys): string | null {
  const expectedSeq = previous === null ? 1 : previous.seq + 1;
  if (record.seq !== expectedSeq) {
    return previous === null
      ? `broken link: the chain starts at seq ${record.seq}, so records 1..${record.seq - 1} were deleted`
      : `broken link: seq ${record.seq} follows seq ${previous.seq}, so records ${expectedSeq}..${record.seq - 1} were deleted`;
  }
  const expectedPrev = previous === null ? null : previous.sha256;
  if (record.prevSha256 !== expectedPrev) {
    return previous === null
      ? 'broken link: the first record names a previous record (prevSha256 should be null)'
      : `broken link: prevSha256 does not match the sha256 of the previous record (seq ${previous.seq})`;
  }
  const digest = evidenceDigest({ ...record, collectedAt: record.collectedAt });
  if (digest !== record.sha256) return `changed data: the record's content hashes to ${digest}, not to its stored sha256`;
  // The record names its key; only a trusted key can vouch for it (a forger has none of their private halves).
  const trusted = keys.byFingerprint.get(record.keyId);
  if (trusted === undefined) {
    const previous = keys.byFingerprint.size > 1 ? ' nor by a previous one (EVIDENCE_PREVIOUS_KEYS)' : '';
    return `bad signature: signed by key ${record.keyId}, not by the current evidence signing key ${keys.currentFingerprint}${previous}`;
  }
  // A key is not used again once a newer one signed: a retired key (perhaps retired because it
  // leaked) cannot vouch for records appended after its successor's.
  const before = previous === null ? undefined : keys.byFingerprint.get(previous.keyId);
  if (previous !== null && before !== undefined && trusted.order < before.order) {
    return `bad signature: signed by key ${record.keyId}, retired before key ${previous.keyId} signed seq ${previous.seq}`;
  }
  if (!signatureValid(trusted.key, record.sha256, record.signature)) {
    return record.keyId === keys.currentFingerprint
      ? 'bad signature: the signature does not verify with the evidence signing key'
      : `bad signature: the signature does not verify with the previous evidence signing key ${record.keyId}`;
  }
  return null;
}

/** Walks one agent's chain in seq order and stops at the first record that breaks it; then checks no recorded record is gone. */
export async function verifyChain(dataSource: DataSource, agentId: string, signingKey: KeyObject, previousPublicKeys: readonly KeyObject[] = []): Promise<EvidenceVerificationResult> {
  const publicKey = createPublicKey(signingKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const fingerprint = publicKeyFingerprint(publicKey);
  const keys: TrustedKeys = {
    currentFingerprint: fingerprint,
    byFingerprint: new Map([...previousPublicKeys, publicKey].map((key, order) => [publicKeyFingerprint(key), { key, order }] as const)),
  };
  let previous: EvidenceView | null = null;
  let checked = 0;
  for (;;) {
    const rows: EvidenceRow[] = await dataSource.query(
      `SELECT ${EVIDENCE_COLUMNS} FROM evidence e WHERE e.agent_id = $1 AND e.seq > $2 ORDER BY e.seq ASC LIMIT $3`,
      [agentId, previous === null ? 0 : previous.seq, VERIFY_BATCH_SIZE],
    );
    for (const row of rows) {
      const record = evidenceFromRow(row);
      checked += 1;
      const reason = problemOf(record, previous, keys);
      if (reason !== null) return { ok: false, checked, firstBadId: record.id, reason, publicKey: publicKeyPem };
      previous = record;
    }
    if (rows.length < VERIFY_BATCH_SIZE) break;
  }
  const missing = await missingRecordedEvidence(dataSource, agentId);
  if (missing !== null) return { ok: false, checked, firstBadId: missing.id, reason: missing.reason, publicKey: publicKeyPem };
  return { ok: true, checked, firstBadId: null, reason: null, publicKey: publicKeyPem };
}

/**
 * A sound chain whose newest records were deleted still links up. Each append also wrote an
 * EVIDENCE event naming the record and its sha256, so within the event retention window a
 * record that an event names but the chain lacks (or holds with another hash) is caught here.
 */
async function missingRecordedEvidence(dataSource: DataSource, agentId: string): Promise<{ id: string; reason: string } | null> {
  const rows: { id: string; sha256: string; stored_sha256: string | null }[] = await dataSource.query(
    `SELECT ev.data->'evidence'->>'id' AS id, ev.data->'evidence'->>'sha256' AS sha256, e.sha256 AS stored_sha256
     FROM events ev LEFT JOIN evidence e ON e.id = (ev.data->'evidence'->>'id')::uuid
     WHERE ev.agent_id = $1 AND ev.kind = 'EVIDENCE' AND (e.id IS NULL OR e.sha256 <> ev.data->'evidence'->>'sha256')
     ORDER BY ev.cursor ASC LIMIT 1`,
    [agentId],
  );
  const row = rows[0];
  if (row === undefined) return null;
  return row.stored_sha256 === null
    ? { id: row.id, reason: `missing record: an EVIDENCE event recorded ${row.id} (sha256 ${row.sha256}), which is no longer in the chain` }
    : { id: row.id, reason: `changed record: an EVIDENCE event recorded sha256 ${row.sha256} for it, the chain holds ${row.stored_sha256}` };
}
