import { useCallback, useState } from 'react';
import type { AgentCore, LiveEvent } from '../api/types';
import { AgentForm } from '../agents/agent-form';
import { useAgentTypes } from '../agents/use-agent-types';
import { ErrorNote } from '../common/error-note';
import { hrefs } from '../hooks/use-hash-route';
import { useEventFeed } from '../hooks/use-event-feed';
import { AgentHeader } from './agent-header';
import { EvidencePanel } from './evidence-panel';
import { LogTail } from './log-tail';
import { MetricsPanel } from './metrics-panel';
import { SchedulesPanel } from './schedules-panel';
import { TaskPanel } from './task-panel';
import { useAgentDetail } from './use-agent-detail';

/**
 * One agent: header, live tasks and log, last hour's metrics, schedules, evidence. Its
 * events(agentId) feed tells the panels what changed and, after a reconnect, to catch up.
 */
export function AgentView({ agentId }: { agentId: string }) {
  const [activity, setActivity] = useState(0);
  const [resync, setResync] = useState(0);
  const [versions, setVersions] = useState({ evidence: 0, schedules: 0 });
  const [editing, setEditing] = useState(false);
  const onActivity = useCallback(() => setActivity((count) => count + 1), []);
  const detail = useAgentDetail(agentId, activity, resync);
  const types = useAgentTypes();

  useEventFeed({
    agentId,
    kinds: ['AGENT_STATUS', 'EVIDENCE', 'SCHEDULE'],
    flushMs: 1_000,
    onEvents: (events: LiveEvent[]) => {
      const kinds = new Set(events.map((event) => event.kind));
      const lastStatus = events.filter((event) => event.kind === 'AGENT_STATUS').at(-1)?.status;
      if (lastStatus && lastStatus !== detail.data?.status) detail.reload();
      if (kinds.has('EVIDENCE') || kinds.has('SCHEDULE')) {
        setVersions((current) => ({ evidence: current.evidence + (kinds.has('EVIDENCE') ? 1 : 0), schedules: current.schedules + (kinds.has('SCHEDULE') ? 1 : 0) }));
      }
    },
    onResync: () => setResync((count) => count + 1),
  });

  const onChanged = useCallback((agent: AgentCore) => detail.setData((previous) => (previous ? { ...previous, ...agent } : previous)), [detail.setData]);
  const agent = detail.data;
  const type = types.data?.find((each) => each.key === agent?.type);

  if (agent === null) {
    return (
      <div className="empty-view">
        <p>No agent with id {agentId}: it may have been deleted.</p>
        <a href={hrefs.agents()}>Back to agents</a>
      </div>
    );
  }
  return (
    <div className="agent-view" data-testid="agent-view">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <a href={hrefs.agents()}>Agents</a> / <span>{agent?.name ?? '…'}</span>
      </nav>
      <ErrorNote error={detail.error} onRetry={detail.reload} />
      {agent ? <AgentHeader agent={agent} taskTypes={type?.taskTypes ?? []} onChanged={onChanged} onEdit={() => setEditing(true)} /> : null}
      <div className="agent-grid">
        <TaskPanel agentId={agentId} onActivity={onActivity} />
        <LogTail agentId={agentId} resync={resync} />
      </div>
      <div className="agent-grid-3">
        <MetricsPanel agentId={agentId} activity={activity} resync={resync} />
        <SchedulesPanel agentId={agentId} taskTypes={type?.taskTypes ?? []} version={versions.schedules + resync} />
        <EvidencePanel agentId={agentId} version={versions.evidence + resync} />
      </div>
      {editing && agent && types.data ? (
        <AgentForm
          types={types.data}
          agent={agent}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            detail.setData(() => saved);
            setEditing(false);
          }}
        />
      ) : null}
    </div>
  );
}
