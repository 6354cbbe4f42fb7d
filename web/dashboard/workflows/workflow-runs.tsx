import type { RunSummary } from '../api/types';
import { RUNS_UPDATED } from '../api/workflow-queries';
import { formatDuration, shortId } from '../common/format';
import { RelativeTime } from '../common/relative-time';
import { StatusBadge } from '../common/status-badge';
import { hrefs } from '../hooks/use-hash-route';
import { useSubscription } from '../hooks/use-subscription';

const SHOWN = 10;

function durationOf(run: RunSummary): number | null {
  if (!run.startedAt) return null;
  return (run.completedAt ? Date.parse(run.completedAt) : Date.now()) - Date.parse(run.startedAt);
}

/** The version's latest runs; statuses follow workflowRunUpdated, and new runs of it appear on top. */
export function WorkflowRuns({ workflowId, runs, onChange }: { workflowId: string; runs: RunSummary[]; onChange(runs: RunSummary[]): void }) {
  useSubscription<{ workflowRunUpdated: RunSummary & { workflow: { id: string } } }>({
    query: RUNS_UPDATED,
    onData: ({ workflowRunUpdated: run }) => {
      if (run.workflow.id !== workflowId) return;
      const { workflow: _workflow, ...summary } = run;
      const known = runs.some((each) => each.id === run.id);
      onChange(known ? runs.map((each) => (each.id === run.id ? summary : each)) : [summary, ...runs].slice(0, SHOWN));
    },
  });
  if (runs.length === 0) return <p className="empty">No runs of this version yet.</p>;
  return (
    <table className="data-table compact" data-testid="workflow-runs">
      <thead>
        <tr>
          <th scope="col">Run</th>
          <th scope="col">Status</th>
          <th scope="col">Started</th>
          <th scope="col" className="num">
            Duration
          </th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id}>
            <td className="mono">
              <a href={hrefs.run(run.id)}>{shortId(run.id)}</a>
            </td>
            <td>
              <StatusBadge status={run.status} title={run.error} />
            </td>
            <td>
              <RelativeTime iso={run.startedAt ?? run.createdAt} />
            </td>
            <td className="num">{formatDuration(durationOf(run))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
