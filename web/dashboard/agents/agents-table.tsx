import type { AgentCore, AgentRow } from '../api/types';
import { AgentTableRow } from './agent-table-row';

export interface AgentsTableProps {
  rows: AgentRow[];
  canEdit: boolean;
  onChanged(agent: AgentCore): void;
  onEdit(agent: AgentRow): void;
}

/** The agents of one page, with their live status and health. */
export function AgentsTable({ rows, canEdit, onChanged, onEdit }: AgentsTableProps) {
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="agents-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Queued
            </th>
            <th scope="col" className="num">
              Running
            </th>
            <th scope="col" className="num">
              Succeeded
            </th>
            <th scope="col" className="num">
              Failed
            </th>
            <th scope="col" className="num">
              Success
            </th>
            <th scope="col" className="num">
              Avg time
            </th>
            <th scope="col">Last active</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((agent) => (
            <AgentTableRow key={agent.id} agent={agent} canEdit={canEdit} onChanged={onChanged} onEdit={onEdit} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
