import { formatJson } from './format';

/** A JSON value, pretty-printed, scrolling when long. */
export function JsonBlock({ value, label }: { value: unknown; label: string }) {
  return (
    <pre className="json-block" aria-label={label}>
      {value === null || value === undefined ? 'null' : formatJson(value)}
    </pre>
  );
}
