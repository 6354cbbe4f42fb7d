import { useState } from 'react';
import { TASK_STATUSES, type TaskStatus } from '../api/types';
import { ErrorNote } from '../common/error-note';
import { Pager } from '../common/pager';
import { Panel } from '../common/panel';
import { TaskTableRow } from './task-table-row';
import { useAgentTasks } from './use-agent-tasks';

const PAGE_SIZE = 20;

/** The agent's tasks, newest first, live; filter by status; cancel and retry for OPERATOR. */
export function TaskPanel({ agentId, onActivity }: { agentId: string; onActivity(): void }) {
  const [filter, setFilter] = useState<TaskStatus | ''>('');
  const tasks = useAgentTasks(agentId, filter, PAGE_SIZE, onActivity);
  const actions = (
    <>
      <label className="visually-hidden" htmlFor="task-status-filter">
        Filter tasks by status
      </label>
      <select id="task-status-filter" value={filter} onChange={(event) => setFilter(event.target.value as TaskStatus | '')}>
        <option value="">All statuses</option>
        {TASK_STATUSES.map((status) => (
          <option key={status} value={status}>
            {status}
          </option>
        ))}
      </select>
    </>
  );
  return (
    <Panel title="Tasks" actions={actions} className="panel-tasks">
      <ErrorNote error={tasks.error} />
      {tasks.rows.length === 0 && !tasks.loading ? (
        <p className="empty">{filter ? `No ${filter.toLowerCase()} tasks.` : 'No tasks yet.'}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table" data-testid="tasks-table">
            <thead>
              <tr>
                <th scope="col">Task</th>
                <th scope="col">Type</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Attempts
                </th>
                <th scope="col">Created</th>
                <th scope="col" className="num">
                  Duration
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tasks.rows.map((task) => (
                <TaskTableRow key={task.id} task={task} onChanged={tasks.apply} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager label="Task pages" page={tasks.page} pageSize={PAGE_SIZE} totalCount={tasks.totalCount} hasNext={tasks.hasNext} onPrevious={tasks.previous} onNext={tasks.next} />
    </Panel>
  );
}
