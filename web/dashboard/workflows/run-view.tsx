import { useState } from 'react';
import { errorText } from '../api/http-client';
import { CANCEL_WORKFLOW_RUN } from '../api/workflow-queries';
import { ErrorNote } from '../common/error-note';
import { formatTimestamp, shortId } from '../common/format';
import { JsonBlock } from '../common/json-block';
import { Panel } from '../common/panel';
import { StatusBadge } from '../common/status-badge';
import { hrefs } from '../hooks/use-hash-route';
import { useSession } from '../session/session-context';
import { DagDiagram } from './dag-diagram';
import { StepTable } from './step-table';
import { useWorkflowRun } from './use-workflow-run';

/** One workflow run: its DAG coloured by live step status, the steps' details, input and error. */
export function RunView({ runId }: { runId: string }) {
  const { http, can } = useSession();
  const run = useWorkflowRun(runId);
  const [cancelError, setCancelError] = useState<string | undefined>();
  const data = run.data;
  if (data === null) return <p className="empty">No workflow run with id {runId}.</p>;
  if (!data) return <ErrorNote error={run.error} onRetry={run.reload} />;
  const statuses = Object.fromEntries(data.steps.map((step) => [step.stepId, step.status]));
  const active = data.status === 'PENDING' || data.status === 'RUNNING';
  const cancel = async (): Promise<void> => {
    setCancelError(undefined);
    try {
      await http.request(CANCEL_WORKFLOW_RUN, { id: runId });
    } catch (failure: unknown) {
      setCancelError(errorText(failure));
    }
  };
  return (
    <div className="run-view" data-testid="run-view">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <a href={hrefs.workflows()}>Workflows</a> / <a href={hrefs.workflows(data.workflow.id)}>{data.workflow.name} v{data.workflow.version}</a> / <span>run {shortId(data.id)}</span>
      </nav>
      <header className="detail-header">
        <h1>
          {data.workflow.name} <span className="version-tag">v{data.workflow.version}</span> <span className="muted mono">run {shortId(data.id)}</span>
        </h1>
        <span data-testid="run-status">
          <StatusBadge status={data.status} title={data.error} />
        </span>
        <span className="muted small-text">
          created {formatTimestamp(data.createdAt)}
          {data.startedAt ? ` · started ${formatTimestamp(data.startedAt)}` : ''}
          {data.completedAt ? ` · finished ${formatTimestamp(data.completedAt)}` : ''}
        </span>
        {can.operate && active ? (
          <button type="button" className="small" onClick={() => void cancel()}>
            Cancel run
          </button>
        ) : null}
      </header>
      <ErrorNote error={cancelError} />
      {data.error ? <p className="error-note">{data.error}</p> : null}
      <Panel title="Steps">
        <DagDiagram steps={data.workflow.definition.steps} statuses={statuses} label={`Steps of run ${shortId(data.id)} by status`} />
        <StepTable steps={data.steps} />
      </Panel>
      <Panel title="Input">
        <JsonBlock value={data.input} label="Run input" />
      </Panel>
    </div>
  );
}
