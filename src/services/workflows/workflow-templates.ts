import type { PathSegment } from './workflow-source';

/** `${{ ... }}` anywhere in a string (non-greedy, so two templates in one string stay two). */
const TEMPLATE = /\$\{\{([\s\S]*?)\}\}/g;
const SEGMENT = /^[A-Za-z0-9_-]+$/;

/** What a template reads: the run's input, or an ancestor step's output. */
export type TemplateReference = { kind: 'input'; path: string[] } | { kind: 'step'; stepId: string; path: string[] };

/** One `${{ ... }}` found in a payload, with where it is and what it reads (or why it is unreadable). */
export interface FoundTemplate {
  path: PathSegment[];
  text: string;
  reference: TemplateReference | null;
  /** Why the template is unusable, when reference is null. */
  error: string | null;
}

/** `input.NAME(.PATH)*` or `steps.ID.output(.PATH)*`; null when it is neither. */
export function parseTemplateExpression(expression: string): TemplateReference | null {
  const segments = expression.trim().split('.');
  if (!segments.every((segment) => SEGMENT.test(segment))) return null;
  if (segments[0] === 'input' && segments.length >= 2) return { kind: 'input', path: segments.slice(1) };
  if (segments[0] === 'steps' && segments.length >= 3 && segments[2] === 'output') {
    return { kind: 'step', stepId: segments[1]!, path: segments.slice(3) };
  }
  return null;
}

/** Every template in the strings of a payload (object values and array items, not keys). */
export function findTemplates(value: unknown, path: PathSegment[] = []): FoundTemplate[] {
  if (typeof value === 'string') return templatesInString(value, path);
  if (Array.isArray(value)) return value.flatMap((item, index) => findTemplates(item, [...path, index]));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => findTemplates(item, [...path, key]));
  }
  return [];
}

function templatesInString(text: string, path: PathSegment[]): FoundTemplate[] {
  const found: FoundTemplate[] = [];
  for (const match of text.matchAll(TEMPLATE)) {
    const reference = parseTemplateExpression(match[1]!);
    found.push({
      path,
      text: match[0],
      reference,
      error: reference === null ? `template ${match[0]} is neither \${{ input.NAME }} nor \${{ steps.ID.output.PATH }}` : null,
    });
  }
  if (text.replace(TEMPLATE, '').includes('${{')) {
    found.push({ path, text, reference: null, error: 'a template opened with ${{ is not closed with }}' });
  }
  return found;
}

/** What templates read when a step starts: the run input and the outputs of finished steps. */
export interface TemplateScope {
  input: unknown;
  outputs: ReadonlyMap<string, unknown>;
}

/** The value at a reference; undefined when the input or output has nothing there. */
export function readReference(reference: TemplateReference, scope: TemplateScope): unknown {
  let value: unknown = reference.kind === 'input' ? scope.input : scope.outputs.get(reference.stepId);
  for (const segment of reference.path) {
    if (Array.isArray(value) && /^\d+$/.test(segment)) value = value[Number(segment)];
    else if (typeof value === 'object' && value !== null && Object.hasOwn(value, segment)) value = (value as Record<string, unknown>)[segment];
    else return undefined;
  }
  return value;
}

/**
 * The payload with its templates replaced. A string that is exactly one template takes the
 * value with its JSON type (a missing value becomes null); a template inside longer text is
 * replaced by the value as text (strings as they are, other values as JSON, missing or null as "").
 */
export function substituteTemplates(value: unknown, scope: TemplateScope): unknown {
  if (typeof value === 'string') return substituteString(value, scope);
  if (Array.isArray(value)) return value.map((item) => substituteTemplates(item, scope));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substituteTemplates(item, scope)]));
  }
  return value;
}

function substituteString(text: string, scope: TemplateScope): unknown {
  const whole = /^\$\{\{([\s\S]*?)\}\}$/.exec(text);
  if (whole !== null && !whole[1]!.includes('}}')) {
    const reference = parseTemplateExpression(whole[1]!);
    if (reference !== null) return readReference(reference, scope) ?? null;
  }
  return text.replace(TEMPLATE, (match, expression: string) => {
    const reference = parseTemplateExpression(expression);
    if (reference === null) return match;
    const found = readReference(reference, scope);
    if (found === undefined || found === null) return '';
    return typeof found === 'string' ? found : JSON.stringify(found);
  });
}
