import type { PoolClient } from 'pg';
import type { QueryRunner } from 'typeorm';

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
