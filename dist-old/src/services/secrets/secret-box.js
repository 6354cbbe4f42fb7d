"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SecretBox = void 0;
exports.isEnvelope = isEnvelope;
exports.keyId = keyId;
const node_crypto_1 = require("node:crypto");
/** The marker of an encrypted value inside a stored config. */
const ENVELOPE_KEY = '$enc';
const VERSION = 'v1';
function isEnvelope(value) {
    return typeof value === 'object' && value !== null && typeof value[ENVELOPE_KEY] === 'string';
}
/** A short, non-reversible name for a key, stored with each ciphertext so rotation knows what to re-encrypt. */
function keyId(key) {
    return (0, node_crypto_1.createHash)('sha256').update(key).digest('hex').slice(0, 12);
}
/**
 * AES-256-GCM for agent secrets: a random 12-byte IV per value, the 16-byte tag, the key id,
 * and the owning agent's id as associated data (a ciphertext moved to another agent fails).
 */
class SecretBox {
    current;
    readable = new Map();
    constructor(currentKey, previousKey) {
        this.current = { id: keyId(currentKey), key: currentKey };
        this.readable.set(this.current.id, this.current);
        if (previousKey !== undefined)
            this.readable.set(keyId(previousKey), { id: keyId(previousKey), key: previousKey });
    }
    get currentKeyId() {
        return this.current.id;
    }
    encrypt(ownerId, value) {
        const iv = (0, node_crypto_1.randomBytes)(12);
        const cipher = (0, node_crypto_1.createCipheriv)('aes-256-gcm', this.current.key, iv);
        cipher.setAAD(Buffer.from(ownerId, 'utf8'));
        const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
        const tag = cipher.getAuthTag();
        return { [ENVELOPE_KEY]: [VERSION, this.current.id, iv.toString('base64'), tag.toString('base64'), ciphertext.toString('base64')].join(':') };
    }
    decrypt(ownerId, envelope) {
        const [version, id, iv, tag, ciphertext] = envelope[ENVELOPE_KEY].split(':');
        if (version !== VERSION || id === undefined || iv === undefined || tag === undefined || ciphertext === undefined) {
            throw new Error('unrecognised secret envelope');
        }
        const entry = this.readable.get(id);
        if (entry === undefined)
            throw new Error(`secret was encrypted with key ${id}, which is neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS`);
        const decipher = (0, node_crypto_1.createDecipheriv)('aes-256-gcm', entry.key, Buffer.from(iv, 'base64'));
        decipher.setAAD(Buffer.from(ownerId, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64'));
        const plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
        return JSON.parse(plain);
    }
    /** Whether an envelope is under the current key (rotation re-encrypts the others). */
    isCurrent(envelope) {
        return envelope[ENVELOPE_KEY].split(':')[1] === this.current.id;
    }
}
exports.SecretBox = SecretBox;
//# sourceMappingURL=secret-box.js.map