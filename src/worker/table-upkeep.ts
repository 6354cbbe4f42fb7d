import type { Pool, PoolClient } from 'pg';

/**
 * The tables whose contents turn over fastest: graphile-worker's jobs (a job is inserted, locked
 * and deleted within moments), the event outbox (rows live until the sequencer's next pass) and
 * the tasks (each updated as it moves from QUEUED to its end).
 */
export const UPKEPT_TABLES: readonly string[] = ['graphile_worker._private_jobs', 'public.event_outbox', 'public.agent_tasks'];

/**
 * Session advisory lock key: one process at a time upkeeps. Apart from the project's other keys
 * (migrations 7_346_000, the sequencer 7_346_001; two-key namespaces 7_346_002 and 7_346_101).
 */
export const UPKEEP_LOCK = 7_346_003;

/** What one pass did. */
export type UpkeepPass =
  | { kind: 'autovacuum-on' }
  | { kind: 'another-process' }
  | { kind: 'done'; vacuumed: string[]; analyzed: string[] };

interface TableCounts {
  name: string;
  /** autovacuum looks after the table: on for the server, and not turned off for the table. */
  autovacuumed: boolean;
  live: number;
  dead: number;
  modifiedSinceAnalyze: number;
  vacuumThreshold: number;
  vacuumScale: number;
  analyzeThreshold: number;
  analyzeScale: number;
}

/**
 * Stands in for autovacuum on those of `UPKEPT_TABLES` it does not look after (the server's
 * `autovacuum` off, or the table's `autovacuum_enabled` storage parameter false), by the
 * server's own autovacuum thresholds: VACUUM once dead rows pass `autovacuum_vacuum_threshold` +
 * `autovacuum_vacuum_scale_factor` x live rows (50 + 20% by default), ANALYZE once changed rows
 * pass `autovacuum_analyze_threshold` + `autovacuum_analyze_scale_factor` x live rows (50 + 10%).
 *
 * Why: with autovacuum off nothing else ever analyzes or vacuums these tables. graphile-worker's
 * job fetch then keeps the plan it made while the jobs table was empty (a sequential scan and a
 * sort of every job, queued or dead) however long the queue grows: in a 3,000-task run its
 * fetches took 3.7 s of PostgreSQL time, and 0.9 s once the table was analyzed as it grew. And
 * the tables would keep every dead row for good. With autovacuum on, PostgreSQL does this
 * itself and a pass does nothing (one query).
 *
 * A pass takes a session advisory lock without waiting, so that one process at a time does the
 * work; VACUUM runs outside any transaction, on a connection of its own from `pool`.
 */
export async function upkeepTables(pool: Pool): Promise<UpkeepPass> {
  const client = await pool.connect();
  // A connection that failed mid-pass is closed rather than pooled: it may still hold the lock.
  let failed: Error | undefined;
  try {
    if ((await countsOf(client)).every((table) => table.autovacuumed)) return { kind: 'autovacuum-on' };
    const [lock] = (await client.query<{ taken: boolean }>('SELECT pg_try_advisory_lock($1) AS taken', [UPKEEP_LOCK])).rows;
    if (!lock!.taken) return { kind: 'another-process' };
    const pass = await upkeepUnderLock(client);
    await client.query('SELECT pg_advisory_unlock($1)', [UPKEEP_LOCK]);
    return pass;
  } catch (error: unknown) {
    failed = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(failed);
  }
}

async function upkeepUnderLock(client: PoolClient): Promise<UpkeepPass> {
  const vacuumed: string[] = [];
  const analyzed: string[] = [];
  // Read again under the lock: another process's pass may have just done the work.
  for (const table of await countsOf(client)) {
    if (table.autovacuumed) continue;
    const vacuum = table.dead > table.vacuumThreshold + table.vacuumScale * table.live;
    const analyze = table.modifiedSinceAnalyze > table.analyzeThreshold + table.analyzeScale * table.live;
    if (vacuum) vacuumed.push(table.name);
    if (analyze) analyzed.push(table.name);
    // Names from pg_stat_user_tables, quoted by format('%I.%I').
    // TRUNCATE false: giving the empty end of a table back takes a lock that stops every insert
    // (and waits 50 ms at a time for it under load); the space is reused anyway.
    if (vacuum) await client.query(`VACUUM (TRUNCATE false${analyze ? ', ANALYZE' : ''}) ${table.name}`);
    else if (analyze) await client.query(`ANALYZE ${table.name}`);
  }
  return { kind: 'done', vacuumed, analyzed };
}

async function countsOf(client: PoolClient): Promise<TableCounts[]> {
  const { rows } = await client.query<TableCounts>(
    `SELECT format('%I.%I', s.schemaname, s.relname) AS name,
            current_setting('autovacuum')::boolean AND coalesce((SELECT o.option_value::boolean FROM pg_options_to_table(c.reloptions) o WHERE o.option_name = 'autovacuum_enabled'), true) AS autovacuumed,
            s.n_live_tup::float8 AS live, s.n_dead_tup::float8 AS dead,
            s.n_mod_since_analyze::float8 AS "modifiedSinceAnalyze",
            current_setting('autovacuum_vacuum_threshold')::float8 AS "vacuumThreshold",
            current_setting('autovacuum_vacuum_scale_factor')::float8 AS "vacuumScale",
            current_setting('autovacuum_analyze_threshold')::float8 AS "analyzeThreshold",
            current_setting('autovacuum_analyze_scale_factor')::float8 AS "analyzeScale"
       FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
      WHERE s.relid IN (SELECT to_regclass(name) FROM unnest($1::text[]) AS name)
      ORDER BY s.relid`,
    [UPKEPT_TABLES],
  );
  return rows;
}
