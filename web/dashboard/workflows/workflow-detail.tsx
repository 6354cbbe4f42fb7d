import type { Connection, RunSummary, Workflow } from '../api/types';
import { WORKFLOW } from '../api/workflow-queries';
import { ErrorNote } from '../common/error-note';
import { Panel } from '../common/panel';
import { RelativeTime } from '../common/relative-time';
import { useAsync } from '../hooks/use-async';
import { hrefs } from '../hooks/use-hash-route';
import { useOnReconnect } from '../hooks/use-reconnect';
import { useSession } from '../session/session-context';
import { DagDiagram } from './dag-diagram';
import { RunWorkflowForm } from './run-workflow-form';
import { WorkflowEditor } from './workflow-editor';
import { WorkflowRuns } from './workflow-runs';

type WorkflowWithRuns = Workflow & { runs: Connection<RunSummary> };

/** One version: its definition (editable, validated live), its DAG, a run form and its latest runs. */
export function WorkflowDetail({ workflowId, onSaved }: { workflowId: string; onSaved(id: string): void }) {
  const { http } = useSession();
  const workflow = useAsync(() => http.request<{ workflow: WorkflowWithRuns | null }>(WORKFLOW, { id: workflowId }).then((data) => data.workflow), [http, workflowId]);
  useOnReconnect(workflow.reload);
  const data = workflow.data;
  if (data === null) return <p className="empty">No workflow with id {workflowId}.</p>;
  if (!data) return <ErrorNote error={workflow.error} onRetry={workflow.reload} />;
  const runs = data.runs.edges.map((edge) => edge.node);
  return (
    <div className="workflow-detail" data-testid="workflow-detail">
      <header className="detail-header">
        <h1>
          {data.name} <span className="version-tag">v{data.version}</span>
        </h1>
        <span className="muted">
          saved <RelativeTime iso={data.createdAt} />
        </span>
      </header>
      {data.definition.description ? <p className="muted">{data.definition.description}</p> : null}
      <div className="workflow-columns">
        <Panel title="Definition">
          <WorkflowEditor key={data.id} initialSource={data.source} onSaved={onSaved} />
        </Panel>
        <div className="workflow-side">
          <Panel title="Steps">
            <DagDiagram steps={data.definition.steps} label={`Steps of ${data.name} v${data.version}`} />
          </Panel>
          <Panel title="Run">
            <RunWorkflowForm workflowId={data.id} />
          </Panel>
          <Panel title={`Runs (${data.runs.totalCount})`}>
            <WorkflowRuns
              workflowId={data.id}
              runs={runs}
              onChange={(next) => workflow.setData((current) => (current ? { ...current, runs: { ...current.runs, edges: next.map((node) => ({ node, cursor: node.id })) } } : current))}
            />
          </Panel>
        </div>
      </div>
      <p className="muted small-text">
        Link to this version: <a href={hrefs.workflows(data.id)}>{hrefs.workflows(data.id)}</a>
      </p>
    </div>
  );
}
