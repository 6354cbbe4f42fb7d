import { runMigrations } from 'graphile-worker';
import type { DataSource } from 'typeorm';

/** Advisory lock key serialising migrations when many processes start at once. */
const MIGRATION_LOCK = 7_346_000;

/** Applies our pending migrations and graphile-worker's own, once, however many processes start together. */
export async function migrateAll(dataSource: DataSource, databaseUrl: string): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await runMigrations({ connectionString: databaseUrl });
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
