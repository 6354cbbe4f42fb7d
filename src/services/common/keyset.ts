import { badInput } from '../errors/domain-error';
import { decodeTimeCursor } from './pagination';

/**
 * SQL for "rows after this cursor" in a newest-first (created_at DESC, id DESC) list.
 * Returns the condition and the params it adds, numbered from `offset + 1`.
 */
export function newestFirstAfter(after: string | null | undefined, alias: string, offset: number): { sql: string; params: unknown[] } {
  if (!after) return { sql: 'TRUE', params: [] };
  const cursor = decodeTimeCursor(after);
  return {
    sql: `(${alias}.created_at, ${alias}.id) < ($${offset + 1}::timestamptz, $${offset + 2}::uuid)`,
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
