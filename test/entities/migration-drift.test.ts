import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { allMigrations } from '../../migrations';
import { createDataSource } from '../../src/db/data-source';
import { createTestDatabase, sql, type TestDatabase } from '../support/test-database';

// The schema comes from hand-reviewed migrations only (synchronize is off). These tests fail
// when the entities and the migrations disagree, and when a migration cannot be undone.

/** Tables, columns and indexes of the public schema, as text, to compare two states. */
async function schemaShape(url: string): Promise<string[]> {
  const columns = await sql<{ line: string }>(
    url,
    `SELECT format('%s.%s %s %s default=%s', table_name, column_name, data_type, is_nullable, coalesce(column_default, '-')) AS line
     FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1`,
  );
  const indexes = await sql<{ line: string }>(url, `SELECT indexdef AS line FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`);
  const constraints = await sql<{ line: string }>(
    url,
    `SELECT format('%s %s', conname, pg_get_constraintdef(oid)) AS line FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1`,
  );
  return [...columns, ...indexes, ...constraints].map((row) => row.line);
}

async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((query) => query.query);
}

describe('entities and migrations', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    // A fresh clone of the template, which `npm run migrate` (dist) migrated at the start of the run.
    db = await createTestDatabase();
    dataSource = createDataSource({ url: db.url, poolSize: 2, applicationName: 'velocity-drift-test' });
    await dataSource.initialize();
  });
  afterAll(async () => {
    if (dataSource.isInitialized) await dataSource.destroy();
    await db.drop();
  });

  it('agree: TypeORM would change nothing in a migrated database', async () => {
    const changes = await pendingSchemaChanges(dataSource);
    if (changes.length > 0) {
      throw new Error(`the entities differ from the migrations; TypeORM would run:\n${changes.join(';\n')}\nWrite a migration (or fix the entity).`);
    }
    expect(await dataSource.showMigrations()).toBe(false);
  });

  it('undoes every migration with its down, then applies them all again to the same schema', async () => {
    const before = await schemaShape(db.url);
    const applied = await sql<{ name: string }>(db.url, 'SELECT name FROM velocity_migrations ORDER BY id');
    expect(applied.map((row) => row.name)).toEqual(allMigrations.map((migration) => (migration as unknown as { name: string }).name));

    for (let step = 0; step < allMigrations.length; step += 1) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await sql(db.url, 'SELECT name FROM velocity_migrations')).toEqual([]);
    const left = await sql<{ table_name: string }>(db.url, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`);
    expect(left.map((row) => row.table_name)).toEqual(['velocity_migrations']);

    const reapplied = await dataSource.runMigrations({ transaction: 'each' });
    expect(reapplied).toHaveLength(allMigrations.length);
    expect(await schemaShape(db.url)).toEqual(before);
    expect(await pendingSchemaChanges(dataSource)).toEqual([]);
  });
});
