import type { DataSource } from 'typeorm';
import { ConfigError, type Config } from '../config';
import { createDataSource } from '../db/data-source';
import type { Logger } from '../logging/logger';
import { startEmbeddedPostgres } from './embedded-postgres';
import { migrateAll } from './migrate';

export interface OpenDatabase {
  url: string;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** Strips credentials from a connection string before it appears in a message. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** DATABASE_URL or the embedded cluster, connected and migrated. Closing releases in reverse order. */
export async function openDatabase(config: Config, logger: Logger, role: string, poolSize = 10): Promise<OpenDatabase> {
  const embedded = config.databaseUrl === undefined ? await startEmbeddedPostgres(config.dataDir, logger) : undefined;
  const url = config.databaseUrl ?? embedded!.url;
  const dataSource = createDataSource({ url, poolSize, applicationName: `velocity-${role}` });
  try {
    await dataSource.initialize();
    await migrateAll(dataSource, url);
  } catch (error: unknown) {
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(config.databaseUrl === undefined ? 'DATA_DIR' : 'DATABASE_URL', `cannot use the database ${redactUrl(url)}: ${reason}`);
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
