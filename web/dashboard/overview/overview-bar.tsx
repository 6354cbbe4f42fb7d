import { useSession } from '../session/session-context';
import { OVERVIEW, OVERVIEW_UPDATED } from '../api/system-queries';
import type { StatusCount, SystemOverview } from '../api/types';
import { ErrorNote } from '../common/error-note';
import { useAsync } from '../hooks/use-async';
import { useSubscription } from '../hooks/use-subscription';
import { formatCount } from '../common/format';

const AGENT_ORDER = ['RUNNING', 'STARTING', 'STOPPING', 'CREATED', 'STOPPED', 'ERROR'];
const TASK_ORDER = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];

function ordered(counts: StatusCount[], order: string[]): StatusCount[] {
  const byStatus = new Map(counts.map((entry) => [entry.status, entry.count]));
  return order.map((status) => ({ status, count: byStatus.get(status) ?? 0 }));
}

function CountGroup({ label, counts, testId }: { label: string; counts: StatusCount[]; testId: string }) {
  const total = counts.reduce((sum, entry) => sum + entry.count, 0);
  return (
    <div className="overview-group" data-testid={testId}>
      <span className="overview-label">
        {label} <strong>{formatCount(total)}</strong>
      </span>
      <ul className="overview-counts">
        {counts.map((entry) => (
          <li key={entry.status} className={entry.count === 0 ? 'zero' : undefined} data-status={entry.status}>
            <span className={`dot dot-${entry.status.toLowerCase()}`} aria-hidden="true" />
            <span className="overview-status">{entry.status.toLowerCase()}</span>
            <span className="overview-count">{formatCount(entry.count)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Agents and tasks by status, queue depth and throughput: read once, then live from overviewUpdated. */
export function OverviewBar() {
  const { http } = useSession();
  const overview = useAsync(() => http.request<{ overview: SystemOverview }>(OVERVIEW).then((data) => data.overview), [http]);
  useSubscription<{ overviewUpdated: SystemOverview }>({
    query: OVERVIEW_UPDATED,
    onData: ({ overviewUpdated }) => overview.setData(() => overviewUpdated),
  });
  const data = overview.data;
  return (
    <section className="overview-bar" aria-label="System overview" data-testid="overview">
      {data ? (
        <>
          <CountGroup label="Agents" counts={ordered(data.agentsByStatus, AGENT_ORDER)} testId="overview-agents" />
          <CountGroup label="Tasks" counts={ordered(data.tasksByStatus, TASK_ORDER)} testId="overview-tasks" />
          <div className="overview-metrics">
            <div className="overview-metric" data-testid="overview-queue" title="Tasks waiting to run now">
              <span className="overview-label">Queue depth</span>
              <strong>{formatCount(data.queueDepth)}</strong>
            </div>
            <div className="overview-metric" data-testid="overview-throughput" title="Tasks finished in the last minute">
              <span className="overview-label">Tasks / min</span>
              <strong>{data.tasksPerMinute.toFixed(data.tasksPerMinute < 10 ? 1 : 0)}</strong>
            </div>
          </div>
        </>
      ) : overview.error ? (
        <ErrorNote error={overview.error} onRetry={overview.reload} />
      ) : (
        <span className="muted">Loading overview…</span>
      )}
    </section>
  );
}
