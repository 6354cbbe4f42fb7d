"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadConfig = loadConfig;
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const config_error_1 = require("./config-error");
function text(env, name) {
    const value = env[name];
    if (value === undefined)
        return undefined;
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
}
function integer(env, name, fallback, min, max) {
    const raw = text(env, name);
    if (raw === undefined)
        return fallback;
    if (!/^-?\d+$/.test(raw))
        throw new config_error_1.ConfigError(name, `must be a whole number, got "${raw}"`);
    const value = Number(raw);
    if (value < min || value > max)
        throw new config_error_1.ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
    return value;
}
function boolean(env, name, fallback) {
    const raw = text(env, name)?.toLowerCase();
    if (raw === undefined)
        return fallback;
    if (['true', '1', 'yes', 'on'].includes(raw))
        return true;
    if (['false', '0', 'no', 'off'].includes(raw))
        return false;
    throw new config_error_1.ConfigError(name, `must be true or false, got "${raw}"`);
}
function url(env, name, protocols) {
    const raw = text(env, name);
    if (raw === undefined)
        return undefined;
    let parsed;
    try {
        parsed = new URL(raw);
    }
    catch {
        throw new config_error_1.ConfigError(name, 'is not a valid URL');
    }
    if (!protocols.includes(parsed.protocol)) {
        throw new config_error_1.ConfigError(name, `must use ${protocols.join(' or ')} (got ${parsed.protocol})`);
    }
    return raw;
}
function aesKey(env, name) {
    const raw = text(env, name);
    if (raw === undefined)
        return undefined;
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(raw))
        throw new config_error_1.ConfigError(name, 'must be base64');
    const key = Buffer.from(raw, 'base64');
    if (key.length !== 32)
        throw new config_error_1.ConfigError(name, `must decode to 32 bytes, got ${key.length}`);
    return key;
}
/** PEM text from an env var (operators often put PEM into one-line env vars with literal "\n"). */
function pemText(env, name) {
    const raw = text(env, name);
    if (raw === undefined)
        return undefined;
    return raw.includes('\\n') ? raw.replace(/\\n/g, '\n') : raw;
}
/** Ed25519 public keys as SPKI PEM, one for each PEM block (public or private key) of the variable. */
function ed25519PublicKeys(env, name) {
    const text = pemText(env, name);
    if (text === undefined)
        return [];
    const blocks = text.match(/-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g) ?? [];
    if (blocks.length === 0)
        throw new config_error_1.ConfigError(name, 'holds no PEM key');
    return blocks.map((block, index) => {
        let key;
        try {
            key = block.includes('PRIVATE KEY') ? (0, node_crypto_1.createPublicKey)((0, node_crypto_1.createPrivateKey)(block)) : (0, node_crypto_1.createPublicKey)(block);
        }
        catch (error) {
            throw new config_error_1.ConfigError(name, `key ${index + 1} is not a PEM public or private key (${error instanceof Error ? error.message : 'unreadable'})`);
        }
        if (key.asymmetricKeyType !== 'ed25519')
            throw new config_error_1.ConfigError(name, `key ${index + 1} must be an Ed25519 key, got ${key.asymmetricKeyType}`);
        return key.export({ type: 'spki', format: 'pem' }).toString();
    });
}
function signingKey(env, name) {
    const pem = pemText(env, name);
    if (pem === undefined)
        return undefined;
    try {
        const key = (0, node_crypto_1.createPrivateKey)(pem);
        if (key.asymmetricKeyType !== 'ed25519')
            throw new config_error_1.ConfigError(name, `must be an Ed25519 key, got ${key.asymmetricKeyType}`);
    }
    catch (error) {
        if (error instanceof config_error_1.ConfigError)
            throw error;
        throw new config_error_1.ConfigError(name, 'is not a PEM private key');
    }
    return pem;
}
function readableFile(env, name) {
    const raw = text(env, name);
    if (raw === undefined)
        return undefined;
    const path = (0, node_path_1.resolve)(raw);
    if (!(0, node_fs_1.existsSync)(path))
        throw new config_error_1.ConfigError(name, `file ${path} does not exist`);
    try {
        (0, node_fs_1.readFileSync)(path);
    }
    catch {
        throw new config_error_1.ConfigError(name, `file ${path} is not readable`);
    }
    return path;
}
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
/**
 * Parses and validates every variable of RUNTIME.md. Throws ConfigError naming the
 * first bad variable. The only reader of the environment: pass `process.env` from an entry point.
 */
function loadConfig(env) {
    const nodeEnvRaw = text(env, 'NODE_ENV') ?? 'development';
    const nodeEnv = nodeEnvRaw === 'production' || nodeEnvRaw === 'test' ? nodeEnvRaw : 'development';
    const logLevel = (text(env, 'LOG_LEVEL') ?? 'info').toLowerCase();
    if (!LOG_LEVELS.includes(logLevel)) {
        throw new config_error_1.ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
    }
    const secretsKey = aesKey(env, 'SECRETS_KEY');
    if (nodeEnv === 'production' && secretsKey === undefined) {
        throw new config_error_1.ConfigError('SECRETS_KEY', 'is required when NODE_ENV=production');
    }
    const adminApiKey = text(env, 'ADMIN_API_KEY');
    if (adminApiKey !== undefined && adminApiKey.length < 16) {
        throw new config_error_1.ConfigError('ADMIN_API_KEY', 'must be at least 16 characters');
    }
    const tlsCertFile = readableFile(env, 'TLS_CERT_FILE');
    const tlsKeyFile = readableFile(env, 'TLS_KEY_FILE');
    if ((tlsCertFile === undefined) !== (tlsKeyFile === undefined)) {
        throw new config_error_1.ConfigError(tlsCertFile === undefined ? 'TLS_CERT_FILE' : 'TLS_KEY_FILE', 'TLS_CERT_FILE and TLS_KEY_FILE must be set together');
    }
    const config = {
        nodeEnv,
        port: integer(env, 'PORT', 4000, 0, 65535),
        host: text(env, 'HOST') ?? '127.0.0.1',
        dataDir: (0, node_path_1.resolve)(text(env, 'DATA_DIR') ?? './.data'),
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
        logLevel: logLevel,
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
    };
    if (config.workerStaleMs <= config.workerHeartbeatMs) {
        throw new config_error_1.ConfigError('WORKER_STALE_MS', `must be larger than WORKER_HEARTBEAT_MS (${config.workerHeartbeatMs})`);
    }
    return Object.freeze(config);
}
//# sourceMappingURL=config.js.map