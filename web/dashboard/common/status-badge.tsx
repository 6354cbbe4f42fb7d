/** A status in its colour (see .status-* in styles/base.css); `title` explains it, e.g. an ERROR's reason. */
export function StatusBadge({ status, title }: { status: string; title?: string | null }) {
  return (
    <span className={`status status-${status.toLowerCase()}`} title={title ?? undefined} data-status={status}>
      {status}
    </span>
  );
}
