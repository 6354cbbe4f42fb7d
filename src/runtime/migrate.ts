import { runMigrations } from 'graphile-worker';
import type { DataSource, QueryRunner } from 'typeorm';

/** Advisory lock key serialising migrations when many processes start at once. */
const MIGRATION_LOCK = 7_346_000;

/** How long a process waits between tries of the migration lock another process holds (ms). */
const LOCK_RETRY_MS = 100;

/**
 * Takes the migration lock by trying, never by waiting inside PostgreSQL: a session blocked in
 * `pg_advisory_lock` holds a snapshot while it waits, and `CREATE INDEX CONCURRENTLY` (migration
 * 10) waits for every older snapshot to go, so the holder's build and the waiter's lock would
 * wait for each other for good (a deadlock PostgreSQL cannot see: the holder's lock is on another
 * connection).
 */
async function takeMigrationLock(runner: QueryRunner): Promise<void> {
  for (;;) {
    const [{ taken }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS taken', [MIGRATION_LOCK])) as [{ taken: boolean }];
    if (taken) return;
    await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
  }
}

/** Applies our pending migrations and graphile-worker's own, once, however many processes start together. */
export async function migrateAll(dataSource: DataSource, databaseUrl: string): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await takeMigrationLock(runner);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await runMigrations({ connectionString: databaseUrl });
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
