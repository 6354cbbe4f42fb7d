import { memo, useState } from 'react';
import type { Task } from '../api/types';
import { formatDuration, shortId } from '../common/format';
import { JsonBlock } from '../common/json-block';
import { RelativeTime } from '../common/relative-time';
import { StatusBadge } from '../common/status-badge';
import { TaskActions } from './task-actions';

const COLUMNS = 7;

/** One task; "Details" unfolds its payload, result and error. */
export const TaskTableRow = memo(function TaskTableRow({ task, onChanged }: { task: Task; onChanged(task: Task): void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <tr data-task-id={task.id} data-testid="task-row">
        <td className="mono" title={task.id}>
          {shortId(task.id)}
        </td>
        <td>{task.type}</td>
        <td data-testid="task-status">
          <StatusBadge status={task.status} title={task.error} />
        </td>
        <td className="num">
          {task.attempts}/{task.maxAttempts}
        </td>
        <td>
          <RelativeTime iso={task.createdAt} />
        </td>
        <td className="num">{formatDuration(task.durationMs)}</td>
        <td className="cell-actions">
          <TaskActions task={task} onChanged={onChanged} />
          <button type="button" className="small button-quiet" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? 'Hide' : 'Details'}
          </button>
        </td>
      </tr>
      {task.error && !open ? (
        <tr className="row-note">
          <td colSpan={COLUMNS} className="text-bad" title={task.error}>
            {task.error}
          </td>
        </tr>
      ) : null}
      {open ? (
        <tr className="row-details">
          <td colSpan={COLUMNS}>
            <div className="details-grid">
              <div>
                <h3>Payload</h3>
                <JsonBlock value={task.payload} label="payload" />
              </div>
              <div>
                <h3>Result</h3>
                <JsonBlock value={task.result} label="result" />
              </div>
              {task.error ? (
                <div>
                  <h3>Error</h3>
                  <pre className="json-block text-bad">{task.error}</pre>
                </div>
              ) : null}
            </div>
          </td>
        </tr>
      ) : null}
    </>
  );
});
