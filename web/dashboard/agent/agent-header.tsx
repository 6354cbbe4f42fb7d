import { useState } from 'react';
import type { AgentCore, AgentDetail } from '../api/types';
import { AgentControls } from '../agents/agent-controls';
import { formatCount, formatDuration, formatPercent } from '../common/format';
import { RelativeTime } from '../common/relative-time';
import { StatusBadge } from '../common/status-badge';
import { useSession } from '../session/session-context';
import { RunTaskForm } from './run-task-form';

export interface AgentHeaderProps {
  agent: AgentDetail;
  taskTypes: string[];
  onChanged(agent: AgentCore): void;
  onEdit(): void;
}

function Figure({ label, value, tone }: { label: string; value: string; tone?: 'bad' | undefined }) {
  return (
    <div className="figure">
      <span className="figure-label">{label}</span>
      <span className={`figure-value ${tone === 'bad' ? 'text-bad' : ''}`}>{value}</span>
    </div>
  );
}

/** The agent's identity, status, health figures and controls. */
export function AgentHeader({ agent, taskTypes, onChanged, onEdit }: AgentHeaderProps) {
  const { can } = useSession();
  const [running, setRunning] = useState(false);
  const { health } = agent;
  return (
    <section className="agent-header" aria-label="Agent">
      <div className="agent-title">
        <h1>{agent.name}</h1>
        <span data-testid="agent-page-status">
          <StatusBadge scope="agent" status={agent.status} title={agent.statusReason} />
        </span>
        <span className="muted">{agent.type}</span>
        <span className="muted">· max {agent.maxConcurrency} at once</span>
        <div className="agent-buttons">
          <AgentControls agent={agent} onChanged={onChanged} />
          {can.operate && !running ? (
            <button type="button" className="small" onClick={() => setRunning(true)} disabled={taskTypes.length === 0}>
              Run task
            </button>
          ) : null}
          {can.administer ? (
            <button type="button" className="small button-quiet" onClick={onEdit}>
              Edit
            </button>
          ) : null}
        </div>
      </div>
      {agent.statusReason ? <p className={agent.status === 'ERROR' ? 'text-bad' : 'muted'}>{agent.statusReason}</p> : null}
      <div className="figures">
        <Figure label="Queued" value={formatCount(health.queuedTasks)} />
        <Figure label="Running" value={formatCount(health.runningTasks)} />
        <Figure label="Succeeded" value={formatCount(health.succeededTasks)} />
        <Figure label="Failed" value={formatCount(health.failedTasks)} tone={health.failedTasks > 0 ? 'bad' : undefined} />
        <Figure label="Success rate" value={formatPercent(health.successRate)} />
        <Figure label="Avg task" value={formatDuration(health.avgTaskMs)} />
        <div className="figure">
          <span className="figure-label">Last active</span>
          <span className="figure-value">
            <RelativeTime iso={health.lastActiveAt ?? agent.lastActiveAt} />
          </span>
        </div>
        <div className="figure">
          <span className="figure-label">Created</span>
          <span className="figure-value">
            <RelativeTime iso={agent.createdAt} />
          </span>
        </div>
      </div>
      {health.lastError ? (
        <p className="last-error" title={health.lastError}>
          Last error: {health.lastError}
        </p>
      ) : null}
      {running ? <RunTaskForm agentId={agent.id} taskTypes={taskTypes} onDone={() => setRunning(false)} /> : null}
    </section>
  );
}
