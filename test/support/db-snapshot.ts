import { sql } from './test-database';

/** Row counts of every table (ours and graphile-worker's) and the head of the event log, at one moment. */
export type DatabaseSnapshot = Record<string, string>;

/**
 * What a refused request must leave untouched: every table's row count and max(events.cursor),
 * read in one statement (one snapshot of the database). Tables are listed from the catalogue,
 * so a table added later is covered without changing this helper.
 */
export async function databaseSnapshot(url: string): Promise<DatabaseSnapshot> {
  const tables = await sql<{ name: string }>(
    url,
    `SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) AS name FROM pg_tables
     WHERE schemaname IN ('public', 'graphile_worker') ORDER BY 1`,
  );
  const counts = tables.map(({ name }) => `(SELECT count(*) FROM ${name})::text AS "${name.replace(/"/g, '')}"`);
  const rows = await sql<DatabaseSnapshot>(url, `SELECT ${counts.join(', ')}, (SELECT coalesce(max(cursor), 0) FROM events)::text AS "events.head"`);
  return rows[0]!;
}
