import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { allMigrations } from '../../migrations';
import { createDataSource } from '../../src/db/data-source';
import { migrateAll } from '../../src/runtime/migrate';
import { createTestDatabase, sql, type TestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';

/** The advisory lock migrateAll takes (src/runtime/migrate.ts). */
const MIGRATION_LOCK = 7_346_000;

describe('migrating a new database', () => {
  let db: TestDatabase;
  const dataSources: DataSource[] = [];

  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
  });
  afterAll(async () => {
    for (const dataSource of dataSources.reverse()) if (dataSource.isInitialized) await dataSource.destroy();
    expect(await db.connectionsLeft()).toBe(0);
    await db.drop();
  });

  const openProcess = async (role: string): Promise<DataSource> => {
    const dataSource = createDataSource({ url: db.url, poolSize: 2, applicationName: `velocity-migrate-test-${role}` });
    dataSources.push(dataSource);
    await dataSource.initialize();
    return dataSource;
  };

  it('applies every migration once when a second process starts while the first is migrating', async () => {
    const first = await openProcess('first');
    const second = await openProcess('second');
    const firstRun = migrateAll(first, db.url);
    // The second starts once the first holds the lock: it waits through the first's migrations,
    // the index built CONCURRENTLY among them (which waits for every older snapshot to go).
    await waitFor(async () => {
      const held = await sql(db.url, `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted`, [MIGRATION_LOCK]);
      return held.length > 0 ? true : undefined;
    }, 'the first process to hold the migration lock');
    const [appliedByFirst, appliedBySecond] = await Promise.all([firstRun, migrateAll(second, db.url)]);

    expect(appliedByFirst).toEqual(allMigrations.map((migration) => (migration as unknown as { name: string }).name));
    expect(appliedBySecond).toEqual([]);
    const indexes = await sql<{ indisvalid: boolean }>(db.url, `SELECT i.indisvalid FROM pg_index i WHERE i.indexrelid = 'ix_agent_tasks_agent_newest'::regclass`);
    expect(indexes).toEqual([{ indisvalid: true }]);
  }, 120_000);
});
