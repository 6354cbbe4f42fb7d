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
async function releaseRunner(runner: QueryRunner, broken: Error | undefined): Promise<void> {
  await (runner as unknown as { releasePostgresConnection(error?: Error): Promise<void> }).releasePostgresConnection(broken);
}

/** TypeORM's transaction bookkeeping, set by hand for transactions our own messages begin and commit. */
interface TransactionState {
  isTransactionActive: boolean;
  transactionDepth: number;
}

function markTransaction(runner: QueryRunner, active: boolean): void {
  const state = runner as unknown as TransactionState;
  state.isTransactionActive = active;
  state.transactionDepth = active ? 1 : 0;
}

/** Tells TypeORM that the transaction `inOwnTransaction` began is over (its COMMIT went through). */
export function endTransaction(runner: QueryRunner): void {
  markTransaction(runner, false);
}

/**
 * Ends a failed transaction (after a failed commit message the server's transaction is
 * aborted or already gone; ROLLBACK covers both). A connection that cannot even roll back is
 * returned as broken, so the pool discards it.
 */
async function rollBack(runner: QueryRunner, cause: unknown): Promise<Error | undefined> {
  if (!runner.isTransactionActive) return undefined;
  try {
    await pgClientOf(runner).query('ROLLBACK');
    endTransaction(runner);
    return undefined;
  } catch (error: unknown) {
    endTransaction(runner);
    return error instanceof Error ? error : new Error(String(cause));
  }
}

/**
 * Runs `work` on a connection of its own that is in a transaction from the start: `work`
 * sends BEGIN in its first message and calls `endTransaction` once its COMMIT went through.
 * On failure the transaction is rolled back, and a connection that cannot even roll back is
 * discarded rather than reused.
 */
export async function inOwnTransaction<T>(dataSource: DataSource, work: (runner: QueryRunner) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  let broken: Error | undefined;
  try {
    await runner.connect();
    markTransaction(runner, true);
    return await work(runner);
  } catch (error: unknown) {
    broken = await rollBack(runner, error);
    throw error;
  } finally {
    await releaseRunner(runner, broken);
  }
}

/**
 * Sends `message`, a whole transaction (`BEGIN; …; COMMIT`), in one round trip on a connection
 * of its own (`inOwnTransaction`), and answers each statement's result in order.
 */
export async function sendWholeTransaction<R>(dataSource: DataSource, message: string): Promise<{ rows: R[] }[]> {
  return inOwnTransaction(dataSource, async (runner) => {
    const results = (await pgClientOf(runner).query(message)) as unknown as { rows: R[] }[];
    endTransaction(runner);
    return results;
  });
}
