// How numbers and times read on the page.

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '—';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1_000)} s`;
}

export function formatPercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${(rate * 100).toFixed(rate === 1 || rate === 0 ? 0 : 1)}%`;
}

export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** "12 s ago", "3 min ago", "in 5 min": relative to `now` (ms). */
export function formatRelative(iso: string | null | undefined, now: number): string {
  if (!iso) return '—';
  const delta = Date.parse(iso) - now;
  const abs = Math.abs(delta);
  const [value, unit] =
    abs < 5_000 ? [0, 'now'] : abs < 60_000 ? [Math.round(abs / 1_000), 's'] : abs < 3_600_000 ? [Math.round(abs / 60_000), 'min'] : abs < 86_400_000 ? [Math.round(abs / 3_600_000), 'h'] : [Math.round(abs / 86_400_000), 'd'];
  // Within a minute ahead is the shared clock lagging (it ticks every few seconds), not the future.
  if (unit === 'now' || (delta > 0 && abs < 60_000)) return 'just now';
  return delta < 0 ? `${value} ${unit} ago` : `in ${value} ${unit}`;
}

/** Local date and time to the second, e.g. "2026-11-24 10:00:05". */
export function formatTimestamp(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

export function formatClock(iso: string): string {
  return formatTimestamp(iso).slice(11);
}

export function shortId(id: string): string {
  return id.slice(0, 8);
}

export function formatJson(value: unknown): string {
  if (value === undefined) return '';
  return JSON.stringify(value, null, 2);
}
