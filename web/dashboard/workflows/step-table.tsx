import type { StepRun } from '../api/types';
import { formatDuration, shortId } from '../common/format';
import { RelativeTime } from '../common/relative-time';
import { StatusBadge } from '../common/status-badge';
import { hrefs } from '../hooks/use-hash-route';

function durationOf(step: StepRun): number | null {
  if (!step.startedAt) return null;
  return (step.completedAt ? Date.parse(step.completedAt) : Date.now()) - Date.parse(step.startedAt);
}

/** Every step of a run in topological order: status, attempts, its task and agent, timing, error or output. */
export function StepTable({ steps }: { steps: StepRun[] }) {
  return (
    <table className="data-table" data-testid="steps-table">
      <thead>
        <tr>
          <th scope="col">Step</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">
            Attempts
          </th>
          <th scope="col">Task</th>
          <th scope="col">Started</th>
          <th scope="col" className="num">
            Duration
          </th>
          <th scope="col">Output / error</th>
        </tr>
      </thead>
      <tbody>
        {steps.map((step) => (
          <tr key={step.stepId} data-step={step.stepId}>
            <td className="mono">{step.stepId}</td>
            <td data-testid="step-status">
              <StatusBadge status={step.status} title={step.error} />
            </td>
            <td className="num">{step.attempts}</td>
            <td>
              {step.task ? (
                <span className="mono">
                  {step.task.agent ? <a href={hrefs.agent(step.task.agent.id)}>{step.task.agent.name}</a> : null} {shortId(step.task.id)}
                </span>
              ) : (
                <span className="muted">—</span>
              )}
            </td>
            <td>
              <RelativeTime iso={step.startedAt} />
            </td>
            <td className="num">{formatDuration(durationOf(step))}</td>
            <td className={`truncate mono ${step.error ? 'text-bad' : ''}`} title={step.error ?? (step.output === null ? undefined : JSON.stringify(step.output))}>
              {step.error ?? (step.output === null || step.output === undefined ? '' : JSON.stringify(step.output))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
