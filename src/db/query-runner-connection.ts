import type { PoolClient } from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';

/**
 * The pg client under a connected TypeORM query runner, for what TypeORM's `query` cannot
 * send: several statements in one simple-protocol message (one round trip), with their results.
 */
export function pgClientOf(runner: QueryRunner): PoolClient {
  return (runner as unknown as { databaseConnection: PoolClient }).databaseConnection;
}

/** Releases a runner's connection; a `broken` one (it could not even roll back) is discarded by the pool, not reused. */
export async function releaseRunner(runner: QueryRunner, broken: Error | undefined): Promise<void> {
  await (runner as unknown as { releasePostgresConnection(error?: Error): Promise<void> }).releasePostgresConnection(broken);
}

/**
 * Sends `message`, a whole transaction (`BEGIN; …; COMMIT`), in one round trip on a connection
 * of its own, and answers each statement's result in order. On failure the transaction is
 * rolled back; a connection that cannot even roll back is discarded rather than reused.
 */
export async function sendWholeTransaction<R>(dataSource: DataSource, message: string): Promise<{ rows: R[] }[]> {
  const runner = dataSource.createQueryRunner();
  let broken: Error | undefined;
  try {
    await runner.connect();
    const client = pgClientOf(runner);
    try {
      return (await client.query(message)) as unknown as { rows: R[] }[];
    } catch (error: unknown) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    }
  } finally {
    await releaseRunner(runner, broken);
  }
}
