import type { WorkflowProblem } from './workflow-definition';
import { formatPath, type ParsedSource, type PathSegment } from './workflow-source';

/** Collects problems with their paths and lines while a definition is checked. */
export class ProblemList {
  private readonly found: WorkflowProblem[] = [];

  constructor(private readonly source: ParsedSource) {}

  /** A problem with the value at `path` (or with its key, for unknown keys). */
  add(message: string, path: readonly PathSegment[], options: { key?: boolean } = {}): void {
    this.found.push({ message, path: formatPath(path), line: this.source.lineOf(path, options) });
  }

  get count(): number {
    return this.found.length;
  }

  /** By line, then in the order found (Array.prototype.sort is stable). */
  sorted(): WorkflowProblem[] {
    return [...this.found].sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER));
  }
}

export type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reports every key of `object` that is not in `known`. */
export function checkKeys(problems: ProblemList, object: PlainObject, known: readonly string[], path: readonly PathSegment[], where: string): void {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) problems.add(`unknown key "${key}" in ${where}; allowed: ${known.join(', ')}`, [...path, key], { key: true });
  }
}

/** An optional whole number within bounds; returns it, the fallback when absent, or undefined when wrong. */
export function checkInteger(
  problems: ProblemList,
  object: PlainObject,
  key: string,
  path: readonly PathSegment[],
  range: { min: number; max: number },
  fallback: number | null,
): number | null | undefined {
  const value = object[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    problems.add(`${key} must be a whole number`, [...path, key]);
    return undefined;
  }
  if (value < range.min || value > range.max) {
    problems.add(`${key} must be between ${range.min} and ${range.max}, got ${value}`, [...path, key]);
    return undefined;
  }
  return value;
}

/** An optional string; returns it, null when absent, or undefined when not a string. */
export function checkOptionalString(problems: ProblemList, object: PlainObject, key: string, path: readonly PathSegment[]): string | null | undefined {
  const value = object[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    problems.add(`${key} must be a string`, [...path, key]);
    return undefined;
  }
  return value;
}
