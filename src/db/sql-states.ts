/** SQLSTATE of a lock wait past lock_timeout. */
export const LOCK_NOT_AVAILABLE = '55P03';

/** The SQLSTATE (or socket error code) an error from pg carries, if any. */
export function sqlStateOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code } = error as { code?: unknown };
  return typeof code === 'string' ? code : undefined;
}
