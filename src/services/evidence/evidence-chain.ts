import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** Everything a record's sha256 covers; data is the JSON value exactly as stored. */
export interface ChainedFields {
  agentId: string;
  taskId: string | null;
  seq: number;
  source: string;
  kind: string;
  externalId: string | null;
  externalVersion: string | null;
  data: unknown;
  prevSha256: string | null;
  collectedAt: Date;
}

/** Hex sha256 of the canonical serialisation of a record (collectedAt as an ISO string). */
export function evidenceDigest(fields: ChainedFields): string {
  const canonical = canonicalJson({
    agentId: fields.agentId,
    taskId: fields.taskId,
    seq: fields.seq,
    source: fields.source,
    kind: fields.kind,
    externalId: fields.externalId,
    externalVersion: fields.externalVersion,
    data: fields.data,
    prevSha256: fields.prevSha256,
    collectedAt: fields.collectedAt.toISOString(),
  });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** Ed25519 signature (base64) of the hex digest's UTF-8 bytes. */
export function signDigest(privateKey: KeyObject, sha256: string): string {
  return sign(null, Buffer.from(sha256, 'utf8'), privateKey).toString('base64');
}

export function signatureValid(publicKey: KeyObject, sha256: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(sha256, 'utf8'), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    // A signature that is not even well-formed is simply not valid.
    return false;
  }
}

/** The key id stored with each record: hex sha256 of the public key's DER (SPKI) encoding. */
export function publicKeyFingerprint(key: KeyObject | string): string {
  const publicKey = typeof key === 'string' ? createPublicKey(key) : key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}
