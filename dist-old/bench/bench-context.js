"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SMOKE_SIZES = exports.FULL_SIZES = void 0;
exports.createBenchDatabase = createBenchDatabase;
exports.startApi = startApi;
const node_child_process_1 = require("node:child_process");
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const pg_1 = require("pg");
const free_port_1 = require("../src/runtime/free-port");
exports.FULL_SIZES = {
    throughputTasks: 5_000,
    throughputClients: 32,
    bulkClients: 4,
    bulkPerCall: 250,
    subscribers: 1_000,
    liveChanges: 200,
    queryDurationSeconds: 10,
    queryConnections: 50,
    startupAgents: 100,
    workflowRuns: 10,
    workflowSteps: 10,
};
exports.SMOKE_SIZES = {
    throughputTasks: 40,
    throughputClients: 4,
    bulkClients: 2,
    bulkPerCall: 10,
    subscribers: 5,
    liveChanges: 5,
    queryDurationSeconds: 1,
    queryConnections: 4,
    startupAgents: 3,
    workflowRuns: 1,
    workflowSteps: 3,
};
/** A fresh database for one bench run on the server of `baseUrl`; dropped by the returned function. */
async function createBenchDatabase(baseUrl) {
    const name = `velocity_bench_${(0, node_crypto_1.randomBytes)(4).toString('hex')}`;
    const admin = new pg_1.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    return {
        url: url.toString(),
        async drop() {
            const client = new pg_1.Client({ connectionString: baseUrl });
            await client.connect();
            await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            await client.end();
        },
    };
}
/** Starts the product (`npm start`'s entry point) as its own process, as it runs in production. */
async function startApi(databaseUrl, redisUrl, extraEnv = {}) {
    const port = await (0, free_port_1.freePort)();
    const adminKey = `vel_bench_${(0, node_crypto_1.randomBytes)(16).toString('hex')}`;
    const child = (0, node_child_process_1.spawn)(process.execPath, [(0, node_path_1.join)(__dirname, '..', 'src', 'main.js')], {
        env: {
            PATH: process.env['PATH'] ?? '',
            DATABASE_URL: databaseUrl,
            ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
            PORT: String(port),
            DATA_DIR: (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'velocity-bench-')),
            ADMIN_API_KEY: adminKey,
            LOG_LEVEL: 'warn',
            NODE_ENV: 'test',
            // The load generators use one key on purpose: the per-key mutation limit is not what is measured.
            MUTATION_RATE_PER_SECOND: '1000000',
            MUTATION_RATE_BURST: '1000000',
            ...extraEnv,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
            out += chunk.toString();
            if (out.includes('listening on'))
                resolve();
        });
        child.once('exit', (code) => reject(new Error(`the API exited with ${code} before listening:\n${out}`)));
    });
    const exited = new Promise((resolve) => child.once('exit', () => resolve()));
    return {
        url: `http://127.0.0.1:${port}`,
        adminKey,
        process: child,
        async stop() {
            child.kill('SIGTERM');
            await exited;
        },
    };
}
//# sourceMappingURL=bench-context.js.map