import 'reflect-metadata';
import type { ClientBase } from 'pg';
import { DataSource } from 'typeorm';
import { allMigrations } from '../../migrations';
import { allEntities } from '../entities';

export interface DataSourceOptions {
  /** PostgreSQL connection string (sslmode / sslrootcert honoured by pg). */
  url: string;
  /** Connections in the pool. Default 10. */
  poolSize?: number;
  /** Name shown in pg_stat_activity. */
  applicationName?: string;
}

/** The one TypeORM DataSource of a process: schema comes from migrations only, never synchronize. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: allEntities,
    migrations: allMigrations,
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
function listenForLateErrors(client: ClientBase): void {
  client.on('error', () => undefined);
}
