import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config';
import { ConfigError } from '../../config';

export interface KeyMaterial {
  secretsKey: Buffer;
  secretsKeyPrevious: Buffer | undefined;
  signingKey: KeyObject;
  publicKeyPem: string;
  /** Public keys of earlier signing keys (EVIDENCE_PREVIOUS_KEYS): their records still verify. */
  previousPublicKeys: readonly KeyObject[];
}

/** Writes a file only its owner can read, creating its folder. */
export function writePrivateFile(path: string, contents: string): void {
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
  writeFileSync(path, contents, { mode: 0o600 });
  chmodSync(path, 0o600);
}

function generatedSecretsKey(dataDir: string): Buffer {
  const path = join(dataDir, 'secrets-key');
  if (!existsSync(path)) writePrivateFile(path, `${randomBytes(32).toString('base64')}\n`);
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new ConfigError('SECRETS_KEY', `the generated key in ${path} is damaged (not 32 bytes)`);
  return key;
}

function generatedSigningKey(dataDir: string): string {
  const path = join(dataDir, 'evidence-signing-key.pem');
  if (!existsSync(path)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    writePrivateFile(path, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  }
  return readFileSync(path, 'utf8');
}

/**
 * The keys a process needs: from the configuration, or generated once into DATA_DIR
 * (outside production only, for SECRETS_KEY; the config already refused production without it).
 */
export function loadKeyMaterial(config: Config): KeyMaterial {
  const secretsKey = config.secretsKey ?? generatedSecretsKey(config.dataDir);
  const signingPem = config.evidenceSigningKey ?? generatedSigningKey(config.dataDir);
  let signingKey: KeyObject;
  try {
    signingKey = createPrivateKey(signingPem);
  } catch {
    throw new ConfigError('EVIDENCE_SIGNING_KEY', 'the key cannot be read');
  }
  const publicKeyPem = createPublicKey(signingKey).export({ type: 'spki', format: 'pem' }).toString();
  const previousPublicKeys = config.evidencePreviousKeys.map((pem) => createPublicKey(pem));
  return { secretsKey, secretsKeyPrevious: config.secretsKeyPrevious, signingKey, publicKeyPem, previousPublicKeys };
}
