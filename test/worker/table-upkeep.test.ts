import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { UPKEEP_LOCK, UPKEPT_TABLES, upkeepTables } from '../../src/worker/table-upkeep';
import { createTestDatabase, sql, type TestDatabase } from '../support/test-database';

const JOBS = 'graphile_worker._private_jobs';

/**
 * The upkeep stands in for autovacuum where it is off. The server's own setting cannot be
 * changed from a test, so autovacuum is turned off for the upkept tables of this test's
 * database (the `autovacuum_enabled` storage parameter), which the upkeep honours the same way.
 */
describe('table upkeep', () => {
  let db: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 2 });
  });
  afterAll(async () => {
    await pool.end();
    expect(await db.connectionsLeft()).toBe(0);
    await db.drop();
  });

  const statsOf = async (table: string) => {
    const [row] = await sql<{ analyzed: boolean; vacuumed: boolean; dead: number }>(
      db.url,
      `SELECT last_analyze IS NOT NULL AS analyzed, last_vacuum IS NOT NULL AS vacuumed, n_dead_tup::int AS dead FROM pg_stat_user_tables WHERE relid = $1::regclass`,
      [table],
    );
    return row!;
  };

  /** How many waiting jobs the planner believes there are: what graphile-worker's fetch is planned for. */
  const plannedQueueRows = async (): Promise<number> => {
    const [row] = await sql<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(db.url, `EXPLAIN (FORMAT JSON) SELECT id FROM ${JOBS} WHERE is_available = true`);
    return row!['QUERY PLAN'][0].Plan['Plan Rows'];
  };

  it('analyzes and vacuums the job table, so the job fetch is planned for the queue it has, when thousands of jobs came and went and autovacuum is off for it', async () => {
    for (const table of UPKEPT_TABLES) await sql(db.url, `ALTER TABLE ${table} SET (autovacuum_enabled = false)`);
    // A queue that grew to 2,000 jobs, of which 1,500 ran (deleted, as graphile-worker completes them).
    await sql(db.url, `SELECT velocity_add_task_job(gen_random_uuid(), NULL, 0, 'task.run', 25) FROM generate_series(1, 2000)`);
    await sql(db.url, `DELETE FROM ${JOBS} WHERE id IN (SELECT id FROM ${JOBS} ORDER BY id LIMIT 1500)`);
    await sql(db.url, `ANALYZE ${JOBS}`);
    await sql(db.url, `DELETE FROM ${JOBS}`);
    await sql(db.url, `ANALYZE ${JOBS}`);
    // The statistics now say "empty", as after a quiet night; then a burst arrives.
    await sql(db.url, `SELECT velocity_add_task_job(gen_random_uuid(), NULL, 0, 'task.run', 25) FROM generate_series(1, 2000)`);
    expect(await plannedQueueRows()).toBeLessThan(10);

    const pass = await upkeepTables(pool);

    expect(pass).toEqual({ kind: 'done', vacuumed: expect.arrayContaining([JOBS]), analyzed: expect.arrayContaining([JOBS]) });
    expect(await statsOf(JOBS)).toEqual({ analyzed: true, vacuumed: true, dead: 0 });
    expect(await plannedQueueRows()).toBeGreaterThan(1_000);
    expect(await plannedQueueRows()).toBeLessThan(4_000);
  });

  it('leaves the tables alone when they changed less than autovacuum would act on', async () => {
    await sql(db.url, `SELECT velocity_add_task_job($1::uuid, NULL, 0, 'task.run', 25)`, [randomUUID()]);
    expect(await upkeepTables(pool)).toEqual({ kind: 'done', vacuumed: [], analyzed: [] });
  });

  it('leaves the work to the process that is doing it when another process holds the upkeep lock', async () => {
    const other = new Client({ connectionString: db.url });
    await other.connect();
    try {
      await other.query('SELECT pg_advisory_lock($1)', [UPKEEP_LOCK]);
      expect(await upkeepTables(pool)).toEqual({ kind: 'another-process' });
    } finally {
      await other.end();
    }
  });
});
