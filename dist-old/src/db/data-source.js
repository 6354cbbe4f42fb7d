"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createDataSource = createDataSource;
require("reflect-metadata");
const typeorm_1 = require("typeorm");
const migrations_1 = require("../../migrations");
const entities_1 = require("../entities");
/** The one TypeORM DataSource of a process: schema comes from migrations only, never synchronize. */
function createDataSource(options) {
    return new typeorm_1.DataSource({
        type: 'postgres',
        url: options.url,
        entities: entities_1.allEntities,
        migrations: migrations_1.allMigrations,
        migrationsTableName: 'velocity_migrations',
        // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
        uuidExtension: 'pgcrypto',
        synchronize: false,
        migrationsRun: false,
        logging: false,
        poolSize: options.poolSize ?? 10,
        applicationName: options.applicationName ?? 'velocity',
        extra: {
            // A dead PostgreSQL must fail requests fast rather than hang them.
            connectionTimeoutMillis: 5_000,
            idleTimeoutMillis: 30_000,
            onConnect: listenForLateErrors,
        },
    });
}
/**
 * Gives every new pool client an 'error' listener of its own for its whole life. PostgreSQL
 * shutting down can send its FATAL in the same packet as the ready-for-query of a new
 * connection: pg parses both at once, after the pool's listener came off and before TypeORM's
 * goes on (a promise later), and an 'error' event nobody listens to ends the process. The
 * error itself still reaches whoever holds the client, as the failure of its next statement,
 * and the pool drops the client on release; so this listener only has to exist.
 */
function listenForLateErrors(client) {
    client.on('error', () => undefined);
}
//# sourceMappingURL=data-source.js.map