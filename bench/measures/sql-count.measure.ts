import 'reflect-metadata';
import { execute, parse } from 'graphql';
import { loadConfig } from '../../src/config';
import { createDataSource } from '../../src/db/data-source';
import { createLogger } from '../../src/logging/logger';
import { createRequestContext } from '../../src/server/request-context';
import { buildVelocitySchema } from '../../src/schema/build-schema';
import { createServices } from '../../src/services';
import { loadKeyMaterial } from '../../src/services/secrets/key-material';

/**
 * How many SQL statements one query runs, counted at TypeORM's logger (every statement
 * through the pool passes there), executing the operation in-process with an ADMIN principal.
 */
export async function countStatements(databaseUrl: string, dataDir: string, query: string): Promise<number> {
  const config = loadConfig({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const dataSource = createDataSource({ url: databaseUrl, poolSize: 2 });
  await dataSource.initialize();
  try {
    const services = createServices({ config, dataSource, keys: loadKeyMaterial(config), logger: createLogger('silent') });
    const schema = await buildVelocitySchema();
    let statements = 0;
    const original = dataSource.logger;
    Object.assign(dataSource, {
      logger: { ...original, logQuery: () => (statements += 1), logQueryError: () => undefined, logQuerySlow: () => undefined, logSchemaBuild: () => undefined, logMigration: () => undefined, log: () => undefined },
    });
    const context = createRequestContext(services, { keyId: 'bench', name: 'bench', role: 'ADMIN' }, 'bench');
    const result = await execute({ schema, document: parse(query), contextValue: context });
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return statements;
  } finally {
    await dataSource.destroy();
  }
}
