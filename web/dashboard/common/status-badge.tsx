/**
 * A status in its colour (see .status-* in styles/base.css); `title` explains it, e.g. an
 * ERROR's reason. `scope` "agent" colours a RUNNING agent as healthy rather than busy.
 */
export function StatusBadge({ status, title, scope }: { status: string; title?: string | null; scope?: 'agent' }) {
  const lower = status.toLowerCase();
  return (
    <span className={`status status-${lower}${scope ? ` status-${scope}-${lower}` : ''}`} title={title ?? undefined} data-status={status}>
      {status}
    </span>
  );
}
