"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.verifyChain = verifyChain;
const node_crypto_1 = require("node:crypto");
const evidence_chain_1 = require("./evidence-chain");
const evidence_row_1 = require("./evidence-row");
/** Records read per round trip while walking a chain. */
const VERIFY_BATCH_SIZE = 500;
/** Why one record breaks the chain, or null when it is sound. */
function problemOf(record, previous, keys) {
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
    const digest = (0, evidence_chain_1.evidenceDigest)({ ...record, collectedAt: record.collectedAt });
    if (digest !== record.sha256)
        return `changed data: the record's content hashes to ${digest}, not to its stored sha256`;
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
    if (!(0, evidence_chain_1.signatureValid)(trusted.key, record.sha256, record.signature)) {
        return record.keyId === keys.currentFingerprint
            ? 'bad signature: the signature does not verify with the evidence signing key'
            : `bad signature: the signature does not verify with the previous evidence signing key ${record.keyId}`;
    }
    return null;
}
/** Walks one agent's chain in seq order and stops at the first record that breaks it; then checks no recorded record is gone. */
async function verifyChain(dataSource, agentId, signingKey, previousPublicKeys = []) {
    const publicKey = (0, node_crypto_1.createPublicKey)(signingKey);
    const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const fingerprint = (0, evidence_chain_1.publicKeyFingerprint)(publicKey);
    const keys = {
        currentFingerprint: fingerprint,
        byFingerprint: new Map([...previousPublicKeys, publicKey].map((key, order) => [(0, evidence_chain_1.publicKeyFingerprint)(key), { key, order }])),
    };
    let previous = null;
    let checked = 0;
    for (;;) {
        const rows = await dataSource.query(`SELECT ${evidence_row_1.EVIDENCE_COLUMNS} FROM evidence e WHERE e.agent_id = $1 AND e.seq > $2 ORDER BY e.seq ASC LIMIT $3`, [agentId, previous === null ? 0 : previous.seq, VERIFY_BATCH_SIZE]);
        for (const row of rows) {
            const record = (0, evidence_row_1.evidenceFromRow)(row);
            checked += 1;
            const reason = problemOf(record, previous, keys);
            if (reason !== null)
                return { ok: false, checked, firstBadId: record.id, reason, publicKey: publicKeyPem };
            previous = record;
        }
        if (rows.length < VERIFY_BATCH_SIZE)
            break;
    }
    const missing = await missingRecordedEvidence(dataSource, agentId);
    if (missing !== null)
        return { ok: false, checked, firstBadId: missing.id, reason: missing.reason, publicKey: publicKeyPem };
    return { ok: true, checked, firstBadId: null, reason: null, publicKey: publicKeyPem };
}
/**
 * A sound chain whose newest records were deleted still links up. Each append also wrote an
 * EVIDENCE event naming the record and its sha256, so within the event retention window a
 * record that an event names but the chain lacks (or holds with another hash) is caught here.
 */
async function missingRecordedEvidence(dataSource, agentId) {
    const rows = await dataSource.query(`SELECT ev.data->'evidence'->>'id' AS id, ev.data->'evidence'->>'sha256' AS sha256, e.sha256 AS stored_sha256
     FROM events ev LEFT JOIN evidence e ON e.id = (ev.data->'evidence'->>'id')::uuid
     WHERE ev.agent_id = $1 AND ev.kind = 'EVIDENCE' AND (e.id IS NULL OR e.sha256 <> ev.data->'evidence'->>'sha256')
     ORDER BY ev.cursor ASC LIMIT 1`, [agentId]);
    const row = rows[0];
    if (row === undefined)
        return null;
    return row.stored_sha256 === null
        ? { id: row.id, reason: `missing record: an EVIDENCE event recorded ${row.id} (sha256 ${row.sha256}), which is no longer in the chain` }
        : { id: row.id, reason: `changed record: an EVIDENCE event recorded sha256 ${row.sha256} for it, the chain holds ${row.stored_sha256}` };
}
//# sourceMappingURL=evidence-verification.js.map