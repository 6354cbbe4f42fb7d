import { createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';

function refusal(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error: unknown) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 4000,
      host: '127.0.0.1',
      dataDir: resolve('./.data'),
      databaseUrl: undefined,
      redisUrl: undefined,
      redisPrefix: 'velocity:',
      adminApiKey: undefined,
      secretsKey: undefined,
      secretsKeyPrevious: undefined,
      evidenceSigningKey: undefined,
      runWorker: true,
      workerConcurrency: 10,
      logLevel: 'info',
      eventRetentionDays: 7,
      tlsCertFile: undefined,
      tlsKeyFile: undefined,
      graphiql: true,
      maxBodyBytes: 1_048_576,
      maxPayloadBytes: 262_144,
    });
  });

  it('treats empty and blank values as unset', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '   ', LOG_LEVEL: '', RUN_WORKER: ' ' });
    expect(config.port).toBe(4000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.logLevel).toBe('info');
    expect(config.runWorker).toBe(true);
  });

  it('parses every variable it is given', () => {
    const secretsKey = randomBytes(32);
    const previous = randomBytes(32);
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '0.0.0.0',
      DATA_DIR: '/var/lib/velocity',
      DATABASE_URL: 'postgresql://u:p@db.example:5432/velocity?sslmode=require',
      REDIS_URL: 'rediss://cache.example:6380',
      REDIS_PREFIX: 'prod:',
      ADMIN_API_KEY: 'a-long-enough-admin-key',
      SECRETS_KEY: secretsKey.toString('base64'),
      SECRETS_KEY_PREVIOUS: previous.toString('base64'),
      // One-line PEM with literal "\n", as operators put it in env files.
      EVIDENCE_SIGNING_KEY: pem.replace(/\n/g, '\\n'),
      RUN_WORKER: 'no',
      WORKER_CONCURRENCY: '25',
      LOG_LEVEL: 'WARN',
      EVENT_RETENTION_DAYS: '30',
      GRAPHIQL: 'false',
      MAX_BODY_BYTES: '2048',
      MAX_PAYLOAD_BYTES: '512',
    });
    expect(config).toMatchObject({
      nodeEnv: 'production',
      port: 0,
      host: '0.0.0.0',
      dataDir: '/var/lib/velocity',
      databaseUrl: 'postgresql://u:p@db.example:5432/velocity?sslmode=require',
      redisUrl: 'rediss://cache.example:6380',
      redisPrefix: 'prod:',
      adminApiKey: 'a-long-enough-admin-key',
      runWorker: false,
      workerConcurrency: 25,
      logLevel: 'warn',
      eventRetentionDays: 30,
      graphiql: false,
      maxBodyBytes: 2048,
      maxPayloadBytes: 512,
    });
    expect(config.secretsKey?.equals(secretsKey)).toBe(true);
    expect(config.secretsKeyPrevious?.equals(previous)).toBe(true);
    expect(config.evidenceSigningKey).toBe(pem);
  });

  it('returns a frozen object', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow(TypeError);
  });

  it('reads only the object it is given, not process.env', () => {
    const saved = process.env['PORT'];
    process.env['PORT'] = 'abc';
    try {
      expect(loadConfig({}).port).toBe(4000);
    } finally {
      if (saved === undefined) delete process.env['PORT'];
      else process.env['PORT'] = saved;
    }
  });

  const bad: [string, Record<string, string>, string][] = [
    ['PORT', { PORT: 'abc' }, 'PORT'],
    ['PORT', { PORT: '4000.5' }, 'PORT'],
    ['PORT', { PORT: '-1' }, 'PORT'],
    ['WORKER_CONCURRENCY', { WORKER_CONCURRENCY: '0' }, 'WORKER_CONCURRENCY'],
    ['EVENT_RETENTION_DAYS', { EVENT_RETENTION_DAYS: '0' }, 'EVENT_RETENTION_DAYS'],
    ['SECRETS_KEY', { SECRETS_KEY: 'short' }, 'SECRETS_KEY'],
    ['SECRETS_KEY', { SECRETS_KEY: 'not base64 !!' }, 'SECRETS_KEY'],
    ['SECRETS_KEY_PREVIOUS', { SECRETS_KEY_PREVIOUS: randomBytes(16).toString('base64') }, 'SECRETS_KEY_PREVIOUS'],
    ['SECRETS_KEY (production)', { NODE_ENV: 'production' }, 'SECRETS_KEY'],
    ['ADMIN_API_KEY', { ADMIN_API_KEY: 'short' }, 'ADMIN_API_KEY'],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://localhost/x' }, 'DATABASE_URL'],
    ['DATABASE_URL', { DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    ['REDIS_URL', { REDIS_URL: 'http://localhost' }, 'REDIS_URL'],
    ['RUN_WORKER', { RUN_WORKER: 'maybe' }, 'RUN_WORKER'],
    ['GRAPHIQL', { GRAPHIQL: 'off-ish' }, 'GRAPHIQL'],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    ['EVIDENCE_SIGNING_KEY', { EVIDENCE_SIGNING_KEY: 'garbage' }, 'EVIDENCE_SIGNING_KEY'],
    ['EVIDENCE_PREVIOUS_KEYS', { EVIDENCE_PREVIOUS_KEYS: 'garbage' }, 'EVIDENCE_PREVIOUS_KEYS'],
    ['EVIDENCE_PREVIOUS_KEYS', { EVIDENCE_PREVIOUS_KEYS: '-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----' }, 'EVIDENCE_PREVIOUS_KEYS'],
    ['MAX_BODY_BYTES', { MAX_BODY_BYTES: '10' }, 'MAX_BODY_BYTES'],
    ['TLS_CERT_FILE', { TLS_CERT_FILE: '/nonexistent/cert.pem', TLS_KEY_FILE: '/nonexistent/key.pem' }, 'TLS_CERT_FILE'],
  ];

  it.each(bad)('refuses a bad %s with a ConfigError naming it', (_title, env, variable) => {
    const error = refusal(env);
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable}: `)).toBe(true);
    expect(error.message).not.toContain('\n');
  });

  it('refuses an Ed25519-less signing key (RSA) naming EVIDENCE_SIGNING_KEY', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const error = refusal({ EVIDENCE_SIGNING_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
    expect(error.variable).toBe('EVIDENCE_SIGNING_KEY');
    expect(error.problem).toMatch(/Ed25519/);
  });

  it('takes earlier evidence signing keys, public or private, one-line or not, keeping only their public halves', () => {
    const [first, second] = [generateKeyPairSync('ed25519'), generateKeyPairSync('ed25519')];
    const publicPem = (key: KeyObject) => (key.type === 'public' ? key : createPublicKey(key)).export({ type: 'spki', format: 'pem' }).toString();
    const privatePem = second.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const config = loadConfig({ EVIDENCE_PREVIOUS_KEYS: `${publicPem(first.publicKey)}${privatePem}`.replace(/\n/g, '\\n') });
    expect(config.evidencePreviousKeys).toEqual([publicPem(first.publicKey), publicPem(second.privateKey)]);
    expect(config.evidencePreviousKeys.join('')).not.toContain('PRIVATE');
    expect(loadConfig({}).evidencePreviousKeys).toEqual([]);
  });

  it('refuses a previous evidence key that is not Ed25519 (RSA), naming which one', () => {
    const ed = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const error = refusal({ EVIDENCE_PREVIOUS_KEYS: `${ed}${rsa}` });
    expect(error.variable).toBe('EVIDENCE_PREVIOUS_KEYS');
    expect(error.problem).toMatch(/^key 2 must be an Ed25519 key/);
  });

  it('wants TLS_CERT_FILE and TLS_KEY_FILE together', () => {
    const dir = mkdtempSync(join(tmpdir(), 'velocity-tls-'));
    try {
      writeFileSync(join(dir, 'cert.pem'), 'x');
      const error = refusal({ TLS_CERT_FILE: join(dir, 'cert.pem') });
      expect(error.variable).toBe('TLS_KEY_FILE');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
