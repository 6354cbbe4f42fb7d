import { memo } from 'react';
import type { AgentCore, AgentRow } from '../api/types';
import { formatCount, formatDuration, formatPercent } from '../common/format';
import { RelativeTime } from '../common/relative-time';
import { StatusBadge } from '../common/status-badge';
import { hrefs } from '../hooks/use-hash-route';
import { AgentControls } from './agent-controls';

export interface AgentTableRowProps {
  agent: AgentRow;
  canEdit: boolean;
  onChanged(agent: AgentCore): void;
  onEdit(agent: AgentRow): void;
}

/** One agent: identity, status, health figures, last activity and its controls. Memoised: an event re-renders its row only. */
export const AgentTableRow = memo(function AgentTableRow({ agent, canEdit, onChanged, onEdit }: AgentTableRowProps) {
  const { health } = agent;
  return (
    <tr data-agent-id={agent.id} data-testid="agent-row">
      <td className="cell-name">
        <a href={hrefs.agent(agent.id)}>{agent.name}</a>
      </td>
      <td className="muted">{agent.type}</td>
      <td data-testid="agent-status">
        <StatusBadge scope="agent" status={agent.status} title={agent.statusReason ?? health.lastError} />
      </td>
      <td className="num">{formatCount(health.queuedTasks)}</td>
      <td className="num">{formatCount(health.runningTasks)}</td>
      <td className="num">{formatCount(health.succeededTasks)}</td>
      <td className={`num ${health.failedTasks > 0 ? 'text-bad' : ''}`}>{formatCount(health.failedTasks)}</td>
      <td className="num">{formatPercent(health.successRate)}</td>
      <td className="num">{formatDuration(health.avgTaskMs)}</td>
      <td>
        <RelativeTime iso={health.lastActiveAt ?? agent.lastActiveAt} />
      </td>
      <td className="cell-actions">
        <AgentControls agent={agent} onChanged={onChanged} />
        {canEdit ? (
          <button type="button" className="small button-quiet" onClick={() => onEdit(agent)} aria-label={`Edit ${agent.name}`}>
            Edit
          </button>
        ) : null}
      </td>
    </tr>
  );
});
