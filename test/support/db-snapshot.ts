import { Client } from 'pg';

/** Row counts of every table (ours and graphile-worker's) and the head of the event log, at one moment. */
export type DatabaseSnapshot = Record<string, string>;

export interface DatabaseSnapshots {
  /**
   * What a refused request must leave untouched: every table's row count and
   * max(events.cursor), read in one statement (one snapshot of the database).
   */
  take(): Promise<DatabaseSnapshot>;
  close(): Promise<void>;
}

/**
 * Snapshots of one database over one connection (a table of cases takes hundreds). Tables
 * are listed from the catalogue, so a table added later is covered without changing this.
 */
export async function databaseSnapshots(url: string): Promise<DatabaseSnapshots> {
  const client = new Client({ connectionString: url, application_name: 'test-snapshots' });
  await client.connect();
  const tables = await client.query<{ name: string }>(
    `SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) AS name FROM pg_tables WHERE schemaname IN ('public', 'graphile_worker') ORDER BY 1`,
  );
  const counts = tables.rows.map(({ name }) => `(SELECT count(*) FROM ${name})::text AS "${name.replace(/"/g, '')}"`);
  const statement = `SELECT ${counts.join(', ')}, (SELECT coalesce(max(cursor), 0) FROM events)::text AS "events.head"`;
  return {
    take: async () => (await client.query<DatabaseSnapshot>(statement)).rows[0]!,
    close: () => client.end(),
  };
}
