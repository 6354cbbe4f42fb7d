/** A JSON value nested `depth` levels deep, written out only when serialised (building it would take as much stack as reading it). */
export interface DeepJson {
  readonly deepJson: number;
  readonly kind: 'object' | 'array';
}

export function deepJson(depth: number, kind: 'object' | 'array' = 'object'): DeepJson {
  return { deepJson: depth, kind };
}

function isDeep(value: unknown): value is DeepJson {
  return typeof value === 'object' && value !== null && typeof (value as DeepJson).deepJson === 'number';
}

function render({ deepJson: depth, kind }: DeepJson): string {
  return kind === 'object' ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** JSON text of `value`, with every DeepJson written out in full (JSON.stringify itself cannot go that deep). */
export function jsonText(value: unknown): string {
  const parts: string[] = [];
  const text = JSON.stringify(value, (_key, item: unknown) => (isDeep(item) ? `\u0001deep${parts.push(render(item)) - 1}\u0001` : item));
  return text.replace(/"\\u0001deep(\d+)\\u0001"/g, (_match, index: string) => parts[Number(index)]!);
}
