import { formatRelative, formatTimestamp } from './format';
import { useNow } from './use-now';

/** "3 min ago", with the exact time on hover; re-rendered as time passes. */
export function RelativeTime({ iso }: { iso: string | null | undefined }) {
  const now = useNow();
  if (!iso) return <span className="muted">—</span>;
  return (
    <time dateTime={iso} title={formatTimestamp(iso)}>
      {formatRelative(iso, now)}
    </time>
  );
}
