"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.redactUrl = redactUrl;
exports.openDatabase = openDatabase;
const config_1 = require("../config");
const data_source_1 = require("../db/data-source");
const embedded_postgres_1 = require("./embedded-postgres");
const migrate_1 = require("./migrate");
/** Strips credentials from a connection string before it appears in a message. */
function redactUrl(url) {
    try {
        const parsed = new URL(url);
        if (parsed.password)
            parsed.password = '***';
        return parsed.toString();
    }
    catch {
        return '(unparseable URL)';
    }
}
/** DATABASE_URL or the embedded cluster, connected and migrated. Closing releases in reverse order. */
async function openDatabase(config, logger, role, poolSize = 10) {
    const embedded = config.databaseUrl === undefined ? await (0, embedded_postgres_1.startEmbeddedPostgres)(config.dataDir, logger) : undefined;
    const url = config.databaseUrl ?? embedded.url;
    const dataSource = (0, data_source_1.createDataSource)({ url, poolSize, applicationName: `velocity-${role}` });
    try {
        await dataSource.initialize();
        await (0, migrate_1.migrateAll)(dataSource, url);
    }
    catch (error) {
        if (dataSource.isInitialized)
            await dataSource.destroy().catch(() => undefined);
        await embedded?.stop().catch(() => undefined);
        const reason = error instanceof Error ? error.message : String(error);
        throw new config_1.ConfigError(config.databaseUrl === undefined ? 'DATA_DIR' : 'DATABASE_URL', `cannot use the database ${redactUrl(url)}: ${reason}`);
    }
    return {
        url,
        dataSource,
        async close() {
            await dataSource.destroy();
            await embedded?.stop();
        },
    };
}
//# sourceMappingURL=database.js.map