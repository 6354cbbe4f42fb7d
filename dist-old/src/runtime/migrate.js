"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.migrateAll = migrateAll;
const graphile_worker_1 = require("graphile-worker");
/** Advisory lock key serialising migrations when many processes start at once. */
const MIGRATION_LOCK = 7_346_000;
/** Applies our pending migrations and graphile-worker's own, once, however many processes start together. */
async function migrateAll(dataSource, databaseUrl) {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
        await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
        const applied = await dataSource.runMigrations({ transaction: 'each' });
        await (0, graphile_worker_1.runMigrations)({ connectionString: databaseUrl });
        return applied.map((migration) => migration.name);
    }
    finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
        await runner.release();
    }
}
//# sourceMappingURL=migrate.js.map