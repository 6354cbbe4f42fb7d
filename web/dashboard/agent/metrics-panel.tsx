import { useEffect, useState } from 'react';
import { AGENT_METRICS } from '../api/task-queries';
import { ErrorNote } from '../common/error-note';
import { Panel } from '../common/panel';
import { useAsync } from '../hooks/use-async';
import { useSession } from '../session/session-context';
import { MetricsChart } from './metrics-chart';
import { chartColumns, type ChartColumns, type MetricsReply } from './metrics-series';

const WINDOW_MS = 60 * 60 * 1_000;
const BUCKET_SECONDS = 60;
/** Task activity is folded into one re-read per this many ms. */
const REFRESH_MS = 2_000;

/** The last hour of task.duration_ms, task.succeeded and task.failed, read again after task activity. */
export function MetricsPanel({ agentId, activity, resync }: { agentId: string; activity: number; resync: number }) {
  const { http } = useSession();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (activity === 0) return undefined;
    const timer = setTimeout(() => setTick((count) => count + 1), REFRESH_MS);
    return () => clearTimeout(timer);
  }, [activity]);
  const metrics = useAsync(async (): Promise<ChartColumns> => {
    const until = Date.now();
    const since = until - WINDOW_MS;
    const { agent } = await http.request<{ agent: MetricsReply | null }>(AGENT_METRICS, { id: agentId, since: new Date(since).toISOString(), bucket: BUCKET_SECONDS });
    return chartColumns(agent ?? { duration: [], succeeded: [], failed: [] }, since, until, BUCKET_SECONDS);
  }, [http, agentId, tick, resync]);
  const totals = metrics.data ? { ok: sum(metrics.data[2]), failed: sum(metrics.data[3]) } : undefined;
  return (
    <Panel
      title="Last hour"
      actions={totals ? <span className="muted small-text">{totals.ok} succeeded · {totals.failed} failed</span> : null}
      className="panel-metrics"
    >
      <ErrorNote error={metrics.error} />
      {metrics.data ? <MetricsChart columns={metrics.data} /> : <div className="chart-placeholder muted">Loading metrics…</div>}
    </Panel>
  );
}

function sum(values: (number | null)[]): number {
  return values.reduce<number>((total, value) => total + (value ?? 0), 0);
}
