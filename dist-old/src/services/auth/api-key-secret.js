"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.generateApiKeySecret = generateApiKeySecret;
exports.hashApiKeySecret = hashApiKeySecret;
exports.apiKeyPrefix = apiKeyPrefix;
exports.bearerSecret = bearerSecret;
const node_crypto_1 = require("node:crypto");
/** Length of the plain prefix kept beside the hash, enough to recognise a key in a list. */
const PREFIX_LENGTH = 12;
/** A new random key: 192 bits of entropy, so a plain SHA-256 is a sufficient verifier. */
function generateApiKeySecret() {
    return `vel_${(0, node_crypto_1.randomBytes)(24).toString('base64url')}`;
}
function hashApiKeySecret(secret) {
    return (0, node_crypto_1.createHash)('sha256').update(secret, 'utf8').digest('hex');
}
function apiKeyPrefix(secret) {
    return secret.slice(0, PREFIX_LENGTH);
}
/** Parses "Bearer <key>" (any case, surrounding spaces allowed); null when absent or malformed. */
function bearerSecret(header) {
    if (typeof header !== 'string')
        return null;
    const match = /^\s*bearer\s+(\S+)\s*$/i.exec(header);
    return match ? match[1] : null;
}
//# sourceMappingURL=api-key-secret.js.map