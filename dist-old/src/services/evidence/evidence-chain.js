"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.evidenceDigest = evidenceDigest;
exports.signDigest = signDigest;
exports.signatureValid = signatureValid;
exports.publicKeyFingerprint = publicKeyFingerprint;
const node_crypto_1 = require("node:crypto");
const canonical_json_1 = require("./canonical-json");
/** Hex sha256 of the canonical serialisation of a record (collectedAt as an ISO string). */
function evidenceDigest(fields) {
    const canonical = (0, canonical_json_1.canonicalJson)({
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
    return (0, node_crypto_1.createHash)('sha256').update(canonical, 'utf8').digest('hex');
}
/** Ed25519 signature (base64) of the hex digest's UTF-8 bytes. */
function signDigest(privateKey, sha256) {
    return (0, node_crypto_1.sign)(null, Buffer.from(sha256, 'utf8'), privateKey).toString('base64');
}
function signatureValid(publicKey, sha256, signature) {
    try {
        return (0, node_crypto_1.verify)(null, Buffer.from(sha256, 'utf8'), publicKey, Buffer.from(signature, 'base64'));
    }
    catch {
        // A signature that is not even well-formed is simply not valid.
        return false;
    }
}
/** The key id stored with each record: hex sha256 of the public key's DER (SPKI) encoding. */
function publicKeyFingerprint(key) {
    const publicKey = typeof key === 'string' ? (0, node_crypto_1.createPublicKey)(key) : key.type === 'private' ? (0, node_crypto_1.createPublicKey)(key) : key;
    return (0, node_crypto_1.createHash)('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}
//# sourceMappingURL=evidence-chain.js.map