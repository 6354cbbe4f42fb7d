/** One evidence record as services return it. */
export interface EvidenceView {
  id: string;
  agentId: string;
  taskId: string | null;
  seq: number;
  source: string;
  kind: string;
  externalId: string | null;
  externalVersion: string | null;
  data: unknown;
  sha256: string;
  prevSha256: string | null;
  signature: string;
  keyId: string;
  collectedAt: Date;
}

export interface EvidenceRow {
  id: string;
  agent_id: string;
  task_id: string | null;
  seq: number;
  source: string;
  kind: string;
  external_id: string | null;
  external_version: string | null;
  data: unknown;
  sha256: string;
  prev_sha256: string | null;
  signature: string;
  key_id: string;
  collected_at: Date;
}

export const EVIDENCE_COLUMNS =
  'e.id, e.agent_id, e.task_id, e.seq, e.source, e.kind, e.external_id, e.external_version, e.data, e.sha256, e.prev_sha256, e.signature, e.key_id, e.collected_at';

export function evidenceFromRow(row: EvidenceRow): EvidenceView {
  return {
    id: row.id,
    agentId: row.agent_id,
    taskId: row.task_id,
    seq: Number(row.seq),
    source: row.source,
    kind: row.kind,
    externalId: row.external_id,
    externalVersion: row.external_version,
    data: row.data,
    sha256: row.sha256,
    prevSha256: row.prev_sha256,
    signature: row.signature,
    keyId: row.key_id,
    collectedAt: row.collected_at,
  };
}
