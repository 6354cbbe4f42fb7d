/** SQLSTATE of a lock wait past lock_timeout. */
export const LOCK_NOT_AVAILABLE = '55P03';

/** SQLSTATE of a row that a unique index refused. */
export const UNIQUE_VIOLATION = '23505';

/** SQLSTATEs of a transaction PostgreSQL aborted to break a deadlock or a serialization conflict (nothing of it happened). */
export const DEADLOCK_DETECTED = '40P01';
export const SERIALIZATION_FAILURE = '40001';

/**
 * The SQLSTATE (or socket error code) an error from pg carries, if any: its own, or that of the
 * driver error a TypeORM QueryFailedError wraps.
 */
export function sqlStateOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, driverError } = error as { code?: unknown; driverError?: unknown };
  if (typeof code === 'string') return code;
  return driverError === undefined ? undefined : sqlStateOf(driverError);
}
