"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.writePrivateFile = writePrivateFile;
exports.loadKeyMaterial = loadKeyMaterial;
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const config_1 = require("../../config");
/** Writes a file only its owner can read, creating its folder. */
function writePrivateFile(path, contents) {
    (0, node_fs_1.mkdirSync)((0, node_path_1.join)(path, '..'), { recursive: true, mode: 0o700 });
    (0, node_fs_1.writeFileSync)(path, contents, { mode: 0o600 });
    (0, node_fs_1.chmodSync)(path, 0o600);
}
function generatedSecretsKey(dataDir) {
    const path = (0, node_path_1.join)(dataDir, 'secrets-key');
    if (!(0, node_fs_1.existsSync)(path))
        writePrivateFile(path, `${(0, node_crypto_1.randomBytes)(32).toString('base64')}\n`);
    const key = Buffer.from((0, node_fs_1.readFileSync)(path, 'utf8').trim(), 'base64');
    if (key.length !== 32)
        throw new config_1.ConfigError('SECRETS_KEY', `the generated key in ${path} is damaged (not 32 bytes)`);
    return key;
}
function generatedSigningKey(dataDir) {
    const path = (0, node_path_1.join)(dataDir, 'evidence-signing-key.pem');
    if (!(0, node_fs_1.existsSync)(path)) {
        const { privateKey } = (0, node_crypto_1.generateKeyPairSync)('ed25519');
        writePrivateFile(path, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    }
    return (0, node_fs_1.readFileSync)(path, 'utf8');
}
/**
 * The keys a process needs: from the configuration, or generated once into DATA_DIR
 * (outside production only, for SECRETS_KEY; the config already refused production without it).
 */
function loadKeyMaterial(config) {
    const secretsKey = config.secretsKey ?? generatedSecretsKey(config.dataDir);
    const signingPem = config.evidenceSigningKey ?? generatedSigningKey(config.dataDir);
    let signingKey;
    try {
        signingKey = (0, node_crypto_1.createPrivateKey)(signingPem);
    }
    catch {
        throw new config_1.ConfigError('EVIDENCE_SIGNING_KEY', 'the key cannot be read');
    }
    const publicKeyPem = (0, node_crypto_1.createPublicKey)(signingKey).export({ type: 'spki', format: 'pem' }).toString();
    const previousPublicKeys = config.evidencePreviousKeys.map((pem) => (0, node_crypto_1.createPublicKey)(pem));
    return { secretsKey, secretsKeyPrevious: config.secretsKeyPrevious, signingKey, publicKeyPem, previousPublicKeys };
}
//# sourceMappingURL=key-material.js.map