export interface PagerProps {
  /** 1-based. */
  page: number;
  pageSize: number;
  totalCount: number;
  hasNext: boolean;
  onPrevious(): void;
  onNext(): void;
  label: string;
}

/** Previous / next over a cursor-paginated list, with the range shown. */
export function Pager({ page, pageSize, totalCount, hasNext, onPrevious, onNext, label }: PagerProps) {
  const first = totalCount === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(page * pageSize, totalCount);
  return (
    <nav className="pager" aria-label={label}>
      <span className="muted">
        {first}–{last} of {totalCount.toLocaleString('en-US')}
      </span>
      <button type="button" onClick={onPrevious} disabled={page <= 1}>
        Previous
      </button>
      <button type="button" onClick={onNext} disabled={!hasNext}>
        Next
      </button>
    </nav>
  );
}
