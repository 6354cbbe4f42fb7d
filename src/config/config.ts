import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from './config-error';

export type LogLevelName = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The whole runtime configuration, parsed once from the environment and frozen. */
export interface Config {
  readonly nodeEnv: 'production' | 'development' | 'test';
  /** HTTP and WebSocket port; 0 picks a free one. Default 4000. */
  readonly port: number;
  /** Bind address. Default 127.0.0.1. */
  readonly host: string;
  /** Embedded PostgreSQL files and generated keys. Default ./.data (absolute here). */
  readonly dataDir: string;
  /** PostgreSQL connection string; undefined runs the embedded PostgreSQL. */
  readonly databaseUrl: string | undefined;
  /** Redis URL; undefined uses the in-process cache and bus (one node only). */
  readonly redisUrl: string | undefined;
  /** Prefix of every Redis key and channel, so several deployments can share a Redis. Default "velocity:". */
  readonly redisPrefix: string;
  /** The ADMIN key; undefined: generated on first boot into dataDir/admin-api-key. */
  readonly adminApiKey: string | undefined;
  /** 32-byte key encrypting agent secrets; undefined outside production: generated into dataDir. */
  readonly secretsKey: Buffer | undefined;
  /** The previous secrets key, readable during rotation. */
  readonly secretsKeyPrevious: Buffer | undefined;
  /** Ed25519 PEM private key signing evidence; undefined: generated into dataDir. */
  readonly evidenceSigningKey: string | undefined;
  /**
   * Earlier evidence signing keys, oldest first, each a PEM block (public or private; a private
   * one is used only for its public half): records they signed still verify, up to the first
   * record a newer key signed. Default none.
   */
  readonly evidencePreviousKeys: readonly string[];
  /** Whether the API process also runs a worker. Default true. */
  readonly runWorker: boolean;
  /** Jobs one worker process runs at once. Default 10. */
  readonly workerConcurrency: number;
  readonly logLevel: LogLevelName;
  /** How long events stay replayable, in days. Default 7. */
  readonly eventRetentionDays: number;
  /**
   * Most events held for one live subscription that has not taken them yet; one more and the
   * subscriber is too slow: it gets SLOW_CONSUMER and its socket is closed (code 4008). Default 1_000.
   */
  readonly subscriptionBufferEvents: number;
  readonly tlsCertFile: string | undefined;
  readonly tlsKeyFile: string | undefined;
  /** GraphiQL and introspection for authenticated users. Default true. */
  readonly graphiql: boolean;
  /** Largest accepted JSON request body, in bytes. Default 1_048_576. */
  readonly maxBodyBytes: number;
  /** Largest accepted task payload or agent config, serialised, in bytes. Default 262_144. */
  readonly maxPayloadBytes: number;
  /** First retry delay of a failed task attempt, in ms; doubles per attempt up to 60_000. Default 1_000. */
  readonly taskRetryBaseMs: number;
  /** How often a worker process writes its heartbeat, in ms. Default 5_000. */
  readonly workerHeartbeatMs: number;
  /** A worker whose heartbeat is older than this is dead and its jobs are taken over, in ms. Default 20_000. */
  readonly workerStaleMs: number;
  /** Mutations one API key may send per second per API process, sustained. Default 100. */
  readonly mutationRatePerSecond: number;
  /** Mutations one API key may send at once after being idle. Default 1_000. */
  readonly mutationRateBurst: number;
  /** How often a worker looks for due schedules, in ms. Default 1_000. */
  readonly schedulerIntervalMs: number;
  /**
   * Jobs a worker fetches (and locks) per round trip to PostgreSQL; 1 fetches each job as a
   * worker asks for it. Above 1, jobs wait in the process that fetched them even while another
   * worker process sits idle (up to 1 s, then they go back), for fewer round trips. Default 1.
   */
  readonly workerFetchBatch: number;
  /**
   * Idle time after which a process gives back the heap a burst left reserved (one full
   * collection), in ms; 0 turns it off. Default 5_000.
   */
  readonly idleHeapTrimMs: number;
  /**
   * While the PostgreSQL server's autovacuum is off, how often a worker process vacuums and
   * analyzes the fastest-changing tables (graphile-worker's jobs, the event outbox, the tasks)
   * by autovacuum's own thresholds, in ms; 0 turns it off. Default 1_000.
   */
  readonly tableUpkeepIntervalMs: number;
}

type Env = Readonly<Record<string, string | undefined>>;

function text(env: Env, name: string): string | undefined {
  const value = env[name];
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['true', '1', 'yes', 'on'].includes(raw)) return true;
  if (['false', '0', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function url(env: Env, name: string, protocols: readonly string[]): string | undefined {
  const raw = text(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')} (got ${parsed.protocol})`);
  }
  return raw;
}

function aesKey(env: Env, name: string): Buffer | undefined {
  const raw = text(env, name);
  if (raw === undefined) return undefined;
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(raw)) throw new ConfigError(name, 'must be base64');
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new ConfigError(name, `must decode to 32 bytes, got ${key.length}`);
  return key;
}

/** PEM text from an env var (operators often put PEM into one-line env vars with literal "\n"). */
function pemText(env: Env, name: string): string | undefined {
  const raw = text(env, name);
  if (raw === undefined) return undefined;
  return raw.includes('\\n') ? raw.replace(/\\n/g, '\n') : raw;
}

/** Ed25519 public keys as SPKI PEM, one for each PEM block (public or private key) of the variable. */
function ed25519PublicKeys(env: Env, name: string): string[] {
  const text = pemText(env, name);
  if (text === undefined) return [];
  const blocks = text.match(/-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g) ?? [];
  if (blocks.length === 0) throw new ConfigError(name, 'holds no PEM key');
  return blocks.map((block, index) => {
    let key: KeyObject;
    try {
      key = block.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(block)) : createPublicKey(block);
    } catch (error: unknown) {
      throw new ConfigError(name, `key ${index + 1} is not a PEM public or private key (${error instanceof Error ? error.message : 'unreadable'})`);
    }
    if (key.asymmetricKeyType !== 'ed25519') throw new ConfigError(name, `key ${index + 1} must be an Ed25519 key, got ${key.asymmetricKeyType}`);
    return key.export({ type: 'spki', format: 'pem' }).toString();
  });
}

function signingKey(env: Env, name: string): string | undefined {
  const pem = pemText(env, name);
  if (pem === undefined) return undefined;
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') throw new ConfigError(name, `must be an Ed25519 key, got ${key.asymmetricKeyType}`);
  } catch (error: unknown) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(name, 'is not a PEM private key');
  }
  return pem;
}

function readableFile(env: Env, name: string): string | undefined {
  const raw = text(env, name);
  if (raw === undefined) return undefined;
  const path = resolve(raw);
  if (!existsSync(path)) throw new ConfigError(name, `file ${path} does not exist`);
  try {
    readFileSync(path);
  } catch {
    throw new ConfigError(name, `file ${path} is not readable`);
  }
  return path;
}

const LOG_LEVELS: readonly LogLevelName[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * Parses and validates every variable of RUNTIME.md. Throws ConfigError naming the
 * first bad variable. The only reader of the environment: pass `process.env` from an entry point.
 */
export function loadConfig(env: Env): Config {
  const nodeEnvRaw = text(env, 'NODE_ENV') ?? 'development';
  const nodeEnv = nodeEnvRaw === 'production' || nodeEnvRaw === 'test' ? nodeEnvRaw : 'development';
  const logLevel = (text(env, 'LOG_LEVEL') ?? 'info').toLowerCase();
  if (!LOG_LEVELS.includes(logLevel as LogLevelName)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const secretsKey = aesKey(env, 'SECRETS_KEY');
  if (nodeEnv === 'production' && secretsKey === undefined) {
    throw new ConfigError('SECRETS_KEY', 'is required when NODE_ENV=production');
  }
  const adminApiKey = text(env, 'ADMIN_API_KEY');
  if (adminApiKey !== undefined && adminApiKey.length < 16) {
    throw new ConfigError('ADMIN_API_KEY', 'must be at least 16 characters');
  }
  const tlsCertFile = readableFile(env, 'TLS_CERT_FILE');
  const tlsKeyFile = readableFile(env, 'TLS_KEY_FILE');
  if ((tlsCertFile === undefined) !== (tlsKeyFile === undefined)) {
    throw new ConfigError(tlsCertFile === undefined ? 'TLS_CERT_FILE' : 'TLS_KEY_FILE', 'TLS_CERT_FILE and TLS_KEY_FILE must be set together');
  }
  const config: Config = {
    nodeEnv,
    port: integer(env, 'PORT', 4000, 0, 65535),
    host: text(env, 'HOST') ?? '127.0.0.1',
    dataDir: resolve(text(env, 'DATA_DIR') ?? './.data'),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    redisPrefix: text(env, 'REDIS_PREFIX') ?? 'velocity:',
    adminApiKey,
    secretsKey,
    secretsKeyPrevious: aesKey(env, 'SECRETS_KEY_PREVIOUS'),
    evidenceSigningKey: signingKey(env, 'EVIDENCE_SIGNING_KEY'),
    evidencePreviousKeys: Object.freeze(ed25519PublicKeys(env, 'EVIDENCE_PREVIOUS_KEYS')),
    runWorker: boolean(env, 'RUN_WORKER', true),
    workerConcurrency: integer(env, 'WORKER_CONCURRENCY', 10, 1, 1000),
    logLevel: logLevel as LogLevelName,
    eventRetentionDays: integer(env, 'EVENT_RETENTION_DAYS', 7, 1, 3650),
    subscriptionBufferEvents: integer(env, 'SUBSCRIPTION_BUFFER_EVENTS', 1_000, 10, 1_000_000),
    tlsCertFile,
    tlsKeyFile,
    graphiql: boolean(env, 'GRAPHIQL', true),
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 1_048_576, 1024, 64 * 1_048_576),
    maxPayloadBytes: integer(env, 'MAX_PAYLOAD_BYTES', 262_144, 256, 16 * 1_048_576),
    taskRetryBaseMs: integer(env, 'TASK_RETRY_BASE_MS', 1_000, 0, 3_600_000),
    workerHeartbeatMs: integer(env, 'WORKER_HEARTBEAT_MS', 5_000, 100, 600_000),
    workerStaleMs: integer(env, 'WORKER_STALE_MS', 20_000, 500, 3_600_000),
    schedulerIntervalMs: integer(env, 'SCHEDULER_INTERVAL_MS', 1_000, 50, 600_000),
    workerFetchBatch: integer(env, 'WORKER_FETCH_BATCH', 1, 1, 1_000),
    mutationRatePerSecond: integer(env, 'MUTATION_RATE_PER_SECOND', 100, 1, 1_000_000),
    mutationRateBurst: integer(env, 'MUTATION_RATE_BURST', 1_000, 1, 10_000_000),
    idleHeapTrimMs: integer(env, 'IDLE_HEAP_TRIM_MS', 5_000, 0, 3_600_000),
    tableUpkeepIntervalMs: integer(env, 'TABLE_UPKEEP_INTERVAL_MS', 1_000, 0, 3_600_000),
  };
  if (config.workerStaleMs <= config.workerHeartbeatMs) {
    throw new ConfigError('WORKER_STALE_MS', `must be larger than WORKER_HEARTBEAT_MS (${config.workerHeartbeatMs})`);
  }
  return Object.freeze(config);
}
