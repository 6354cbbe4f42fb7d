import { badInput } from '../errors/domain-error';
import { decodeTimeCursor } from './pagination';

/**
 * The sort key of newest-first lists. Cursors carry JavaScript times (milliseconds) while
 * PostgreSQL keeps microseconds, so lists sort and compare on the millisecond-truncated time
 * (then the id): a cursor then names its row's position exactly, and nothing created in the
 * same millisecond is skipped or repeated across pages. The time is truncated as UTC wall time
 * (`AT TIME ZONE 'UTC'`): the same order, but an immutable expression, so an index can hold it
 * (`ix_agent_tasks_agent_newest`) and a page reads its own rows, not the list's whole history.
 */
export function newestFirstTime(alias: string): string {
  return `date_trunc('milliseconds', ${alias}.created_at AT TIME ZONE 'UTC')`;
}

export function newestFirstOrder(alias: string): string {
  return `${newestFirstTime(alias)} DESC, ${alias}.id DESC`;
}

/**
 * SQL for "rows after this cursor" in a newest-first list (see newestFirstOrder).
 * Returns the condition and the params it adds, numbered from `offset + 1`.
 */
export function newestFirstAfter(after: string | null | undefined, alias: string, offset: number): { sql: string; params: unknown[] } {
  if (!after) return { sql: 'TRUE', params: [] };
  const cursor = decodeTimeCursor(after);
  return {
    sql: `(${newestFirstTime(alias)}, ${alias}.id) < ($${offset + 1}::timestamptz AT TIME ZONE 'UTC', $${offset + 2}::uuid)`,
    params: [cursor.createdAt.toISOString(), cursor.id],
  };
}

/** For bigint-keyed newest-first lists (logs): the cursor is the id itself. */
export function parseIdCursor(after: string | null | undefined): string | null {
  if (!after) return null;
  const decoded = Buffer.from(after, 'base64url').toString('utf8');
  if (!/^\d{1,19}$/.test(decoded)) throw badInput('after is not a cursor this list gave out', 'after');
  return decoded;
}

export function idCursor(id: string): string {
  return Buffer.from(String(id)).toString('base64url');
}
