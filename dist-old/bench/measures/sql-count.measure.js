"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.countStatements = countStatements;
require("reflect-metadata");
const graphql_1 = require("graphql");
const config_1 = require("../../src/config");
const data_source_1 = require("../../src/db/data-source");
const logger_1 = require("../../src/logging/logger");
const request_context_1 = require("../../src/server/request-context");
const build_schema_1 = require("../../src/schema/build-schema");
const services_1 = require("../../src/services");
const key_material_1 = require("../../src/services/secrets/key-material");
/**
 * How many SQL statements one query runs, counted at TypeORM's logger (every statement
 * through the pool passes there), executing the operation in-process with an ADMIN principal.
 */
async function countStatements(databaseUrl, dataDir, query) {
    const config = (0, config_1.loadConfig)({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const dataSource = (0, data_source_1.createDataSource)({ url: databaseUrl, poolSize: 2 });
    await dataSource.initialize();
    try {
        const services = (0, services_1.createServices)({ config, dataSource, keys: (0, key_material_1.loadKeyMaterial)(config), logger: (0, logger_1.createLogger)('silent') });
        const schema = await (0, build_schema_1.buildVelocitySchema)();
        let statements = 0;
        const original = dataSource.logger;
        Object.assign(dataSource, {
            logger: { ...original, logQuery: () => (statements += 1), logQueryError: () => undefined, logQuerySlow: () => undefined, logSchemaBuild: () => undefined, logMigration: () => undefined, log: () => undefined },
        });
        const context = (0, request_context_1.createRequestContext)(services, { keyId: 'bench', name: 'bench', role: 'ADMIN' }, 'bench');
        const result = await (0, graphql_1.execute)({ schema, document: (0, graphql_1.parse)(query), contextValue: context });
        if (result.errors)
            throw new Error(JSON.stringify(result.errors));
        return statements;
    }
    finally {
        await dataSource.destroy();
    }
}
//# sourceMappingURL=sql-count.measure.js.map