import { badInput } from '../errors/domain-error';

/**
 * Deepest nesting of objects and arrays accepted in a client's JSON (task payloads, agent
 * configs, workflow run inputs and definitions). Default 64. Deeper values would overflow the
 * stack of anything recursive that reads them (JSON.stringify, ajv, PostgreSQL's jsonb parser).
 */
export const MAX_JSON_DEPTH = 64;

export type JsonPath = (string | number)[];

/** Why a JSON value cannot be accepted, and where in it. */
export interface JsonInputProblem {
  message: string;
  path: JsonPath;
}

/**
 * The first reason a client's JSON value cannot be accepted, or null: nested deeper than
 * `maxDepth` (a cycle counts as too deep), or a NUL character in a string or a key, which
 * PostgreSQL's text and jsonb cannot store. Walks the value with its own stack, never
 * recursively, so a hostile depth cannot overflow the process's stack.
 */
export function jsonInputProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): JsonInputProblem | null {
  const pending: { item: unknown; path: JsonPath }[] = [{ item: value, path: [] }];
  while (pending.length > 0) {
    const { item, path } = pending.pop()!;
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return { message: 'contains a NUL character (\\u0000), which cannot be stored', path };
      continue;
    }
    if (typeof item !== 'object' || item === null) continue;
    if (path.length >= maxDepth) return { message: `is nested more than ${maxDepth} levels deep`, path: [] };
    const entries: [string | number, unknown][] = Array.isArray(item) ? item.map((child, index) => [index, child]) : Object.entries(item);
    for (const [key, child] of entries) {
      if (typeof key === 'string' && key.includes('\u0000')) return { message: 'has a key with a NUL character (\\u0000), which cannot be stored', path };
      pending.push({ item: child, path: [...path, key] });
    }
  }
  return null;
}

/**
 * Checks a client's JSON value before anything heavier looks at it: its shape (see
 * jsonInputProblem), then its serialised size, at most `maxBytes`. Throws BAD_USER_INPUT
 * naming the offending field, below `path` (e.g. "input.payload").
 */
export function checkJsonInput(value: unknown, maxBytes: number, path: string): void {
  const problem = jsonInputProblem(value);
  if (problem !== null) {
    const where = [path, ...problem.path].join('.');
    throw badInput(`${where} ${problem.message}`, where);
  }
  const size = Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
  if (size > maxBytes) throw badInput(`${path} is ${size} bytes; the limit is ${maxBytes}`, path);
}
