import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  name: string;
  url: string;
  /**
   * Connections still open once closed ones have had `settleMs` (default 5_000) to go. A backend
   * leaves pg_stat_activity when it has exited, a moment after its client saw the socket close
   * (longer on a busy machine), and PostgreSQL announces no such exit: so this asks again every
   * 25 ms until none is left or the time is up. The leak checks use it.
   */
  connectionsLeft(settleMs?: number): Promise<number>;
  drop(): Promise<void>;
}

function baseUrl(): string {
  const url = process.env['VELOCITY_TEST_BASE_URL'];
  if (!url) throw new Error('the test global setup did not run (VELOCITY_TEST_BASE_URL unset)');
  return url;
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: baseUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database cloned from the migrated template: each test file gets its own. With
 * `empty: true`, an empty one instead (for tests of migrating).
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const name = `velocity_t_${process.env['VELOCITY_TEST_RUN_ID']}_${randomBytes(4).toString('hex')}`;
  const template = options.empty === true ? 'template0' : process.env['VELOCITY_TEST_TEMPLATE'];
  await withAdmin((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const url = new URL(baseUrl());
  url.pathname = `/${name}`;
  const countOn = async (client: Client): Promise<number> => {
    const result = await client.query('SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
    return result.rows[0].count as number;
  };
  return {
    name,
    url: url.toString(),
    connectionsLeft: (settleMs = 5_000) =>
      withAdmin(async (client) => {
        const deadline = Date.now() + settleMs;
        let open = await countOn(client);
        while (open > 0 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 25));
          open = await countOn(client);
        }
        return open;
      }),
    drop: () => withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** Runs SQL against a test database with a short-lived connection (for assertions only). */
export async function sql<T = Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * SQL answering how many rows of `table` and its indexes the current transaction of the session
 * that runs it has read so far (column `rows`): what a statement costs, whatever the machine's speed.
 */
export function rowsReadInTransactionSql(table: string): string {
  return `SELECT pg_stat_get_xact_tuples_returned('${table}'::regclass)
            + (SELECT coalesce(sum(pg_stat_get_xact_tuples_returned(indexrelid)), 0) FROM pg_index WHERE indrelid = '${table}'::regclass) AS rows`;
}
