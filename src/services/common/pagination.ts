import { badInput } from '../errors/domain-error';

/** A page request as the connection fields take it. */
export interface PageArgs {
  first: number;
  after?: string | null | undefined;
}

export interface Page<T> {
  items: T[];
  cursors: string[];
  hasNextPage: boolean;
  totalCount: number;
}

/** A page whose total is counted apart, only when a client asks for it (a count reads every row). */
export type UncountedPage<T> = Omit<Page<T>, 'totalCount'>;

/**
 * One page per asked agent (in `agentIds`' order) from the items of all their pages, read
 * together in page order with up to `first + 1` an agent: the extra one only says a next page
 * exists.
 */
export function pagesPerAgent<T>(agentIds: readonly string[], items: readonly T[], first: number, agentOf: (item: T) => string | null, cursorOf: (item: T) => string): UncountedPage<T>[] {
  const byAgent = new Map<string | null, T[]>();
  for (const item of items) {
    const agentId = agentOf(item);
    const list = byAgent.get(agentId) ?? [];
    list.push(item);
    byAgent.set(agentId, list);
  }
  return agentIds.map((agentId) => {
    const all = byAgent.get(agentId) ?? [];
    const page = all.slice(0, first);
    return { items: page, cursors: page.map(cursorOf), hasNextPage: all.length > first };
  });
}

/** Each asked agent's count (0 for one without a row) from `agent_id, count` rows. */
export function countsPerAgent(agentIds: readonly string[], rows: readonly { agent_id: string; count: string }[]): number[] {
  const countByAgent = new Map(rows.map((row) => [row.agent_id, Number(row.count)]));
  return agentIds.map((agentId) => countByAgent.get(agentId) ?? 0);
}

/** Largest `first` a client may ask for. */
export const MAX_PAGE_SIZE = 500;

export function checkFirst(first: number, path = 'first'): number {
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 0 and ${MAX_PAGE_SIZE}`, path);
  }
  return first;
}

/** Cursors are opaque to clients: base64url of a small JSON array of the sort key. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number, path = 'after'): (string | number)[] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === length && value.every((part) => typeof part === 'string' || typeof part === 'number')) {
      return value as (string | number)[];
    }
  } catch {
    // fall through to the coded error
  }
  throw badInput('after is not a cursor this list gave out', path);
}

/** Keyset cursor over (created_at, id), the order of every time-ordered list. */
export function timeCursor(createdAt: Date, id: string): string {
  return encodeCursor([createdAt.toISOString(), id]);
}

export function decodeTimeCursor(cursor: string, path = 'after'): { createdAt: Date; id: string } {
  const [createdAt, id] = decodeCursor(cursor, 2, path);
  const date = new Date(String(createdAt));
  if (Number.isNaN(date.getTime()) || typeof id !== 'string') throw badInput('after is not a cursor this list gave out', path);
  return { createdAt: date, id };
}
