"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
require("reflect-metadata");
const config_1 = require("./config");
const logger_1 = require("./logging/logger");
const database_1 = require("./runtime/database");
/** `npm run migrate`: applies pending migrations (ours and graphile-worker's) and exits. */
async function main() {
    const config = (0, config_1.loadConfig)(process.env);
    const logger = (0, logger_1.createLogger)(config.logLevel);
    const database = await (0, database_1.openDatabase)(config, logger, 'migrate', 2);
    await database.close();
    process.stdout.write('migrations applied\n');
}
main().catch((error) => {
    process.stderr.write(`velocity: ${error instanceof config_1.ConfigError ? error.message : error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
});
//# sourceMappingURL=migrate-main.js.map