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

/** Why one record breaks the chain, or null when it is sound. */
function problemOf(record: EvidenceView, previous: EvidenceView | null, publicKey: KeyObject, fingerprint: string): string | null {
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
  if (!signatureValid(publicKey, record.sha256, record.signature)) {
    return record.keyId === fingerprint
      ? 'bad signature: the signature does not verify with the evidence signing key'
      : `bad signature: signed by key ${record.keyId}, not by the current evidence signing key ${fingerprint}`;
  }
  return null;
}

/** Walks one agent's chain in seq order and stops at the first record that breaks it. */
export async function verifyChain(dataSource: DataSource, agentId: string, signingKey: KeyObject): Promise<EvidenceVerificationResult> {
  const publicKey = createPublicKey(signingKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const fingerprint = publicKeyFingerprint(publicKey);
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
      const reason = problemOf(record, previous, publicKey, fingerprint);
      if (reason !== null) return { ok: false, checked, firstBadId: record.id, reason, publicKey: publicKeyPem };
      previous = record;
    }
    if (rows.length < VERIFY_BATCH_SIZE) return { ok: true, checked, firstBadId: null, reason: null, publicKey: publicKeyPem };
  }
}
