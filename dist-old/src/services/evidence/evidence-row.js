"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EVIDENCE_COLUMNS = void 0;
exports.evidenceFromRow = evidenceFromRow;
exports.EVIDENCE_COLUMNS = 'e.id, e.agent_id, e.task_id, e.seq, e.source, e.kind, e.external_id, e.external_version, e.data, e.sha256, e.prev_sha256, e.signature, e.key_id, e.collected_at';
function evidenceFromRow(row) {
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
//# sourceMappingURL=evidence-row.js.map