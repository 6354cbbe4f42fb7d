import { useState } from 'react';
import type { WorkflowVersion } from '../api/types';
import { WORKFLOWS } from '../api/workflow-queries';
import { ErrorNote } from '../common/error-note';
import { Panel } from '../common/panel';
import { useAsync } from '../hooks/use-async';
import { hrefs } from '../hooks/use-hash-route';
import { useSession } from '../session/session-context';
import { WorkflowDetail } from './workflow-detail';
import { WorkflowEditor } from './workflow-editor';
import { WorkflowList } from './workflow-list';

const LISTED = 100;

const TEMPLATE = `name: nightly-checks
description: Example; edit and save as a new workflow
steps:
  - id: ping
    task: noop
    agentType: health-check
  - id: check
    task: http.check
    dependsOn: [ping]
    payload:
      url: "\${{ input.url }}"
  - id: report
    task: noop
    dependsOn: [check]
`;

/** Workflows by name and version on the left; the selected version, or a new one, on the right. */
export function WorkflowsView({ selectedId }: { selectedId: string | null }) {
  const { http, can } = useSession();
  const [creating, setCreating] = useState(false);
  const list = useAsync(
    () => http.request<{ workflows: { edges: { node: WorkflowVersion }[] } }>(WORKFLOWS, { first: LISTED }).then((data) => data.workflows.edges.map((edge) => edge.node)),
    [http],
  );
  const open = (id: string): void => {
    setCreating(false);
    list.reload();
    location.hash = hrefs.workflows(id);
  };
  const first = list.data?.[0];
  const shownId = creating ? null : selectedId ?? first?.id ?? null;
  return (
    <div className="workflows-view">
      <Panel
        title="Workflows"
        className="workflows-nav"
        actions={
          can.administer ? (
            <button type="button" className="small" onClick={() => setCreating(true)}>
              New
            </button>
          ) : null
        }
      >
        <ErrorNote error={list.error} onRetry={list.reload} />
        {list.data ? <WorkflowList versions={list.data} selectedId={shownId} /> : null}
      </Panel>
      <div className="workflows-main">
        {creating ? (
          <Panel title="New workflow">
            <WorkflowEditor initialSource={TEMPLATE} isNew onSaved={open} />
          </Panel>
        ) : shownId ? (
          <WorkflowDetail key={shownId} workflowId={shownId} onSaved={open} />
        ) : list.data ? (
          <p className="empty">No workflows yet{can.administer ? ': create one with New.' : '.'}</p>
        ) : null}
      </div>
    </div>
  );
}
