import { useState } from 'react';
import { errorText } from '../api/http-client';
import { SCHEDULES, SET_SCHEDULE_ENABLED } from '../api/system-queries';
import type { Schedule } from '../api/types';
import { ErrorNote } from '../common/error-note';
import { Panel } from '../common/panel';
import { RelativeTime } from '../common/relative-time';
import { useAsync } from '../hooks/use-async';
import { useSession } from '../session/session-context';
import { ScheduleForm } from './schedule-form';

export interface SchedulesPanelProps {
  agentId: string;
  taskTypes: string[];
  /** Bumped when a SCHEDULE event or a reconnect says the list may have changed. */
  version: number;
}

/** The agent's recurring tasks; OPERATOR may pause and resume them, ADMIN add one. */
export function SchedulesPanel({ agentId, taskTypes, version }: SchedulesPanelProps) {
  const { http, can } = useSession();
  const schedules = useAsync(() => http.request<{ schedules: Schedule[] }>(SCHEDULES, { agentId }).then((data) => data.schedules), [http, agentId, version]);
  const [error, setError] = useState<string | undefined>();
  const [adding, setAdding] = useState(false);
  const toggle = async (schedule: Schedule): Promise<void> => {
    setError(undefined);
    try {
      const { setScheduleEnabled } = await http.request<{ setScheduleEnabled: Schedule }>(SET_SCHEDULE_ENABLED, { id: schedule.id, enabled: !schedule.enabled });
      schedules.setData((list) => list?.map((each) => (each.id === schedule.id ? setScheduleEnabled : each)));
    } catch (failure: unknown) {
      setError(errorText(failure));
    }
  };
  const actions = can.administer && !adding ? (
    <button type="button" className="small" onClick={() => setAdding(true)}>
      Add schedule
    </button>
  ) : null;
  return (
    <Panel title="Schedules" actions={actions} className="panel-schedules">
      <ErrorNote error={schedules.error ?? error} />
      {adding ? (
        <ScheduleForm
          agentId={agentId}
          taskTypes={taskTypes}
          onDone={(created) => {
            setAdding(false);
            if (created) schedules.setData((list) => [...(list ?? []), created]);
          }}
        />
      ) : null}
      {schedules.data && schedules.data.length === 0 ? <p className="empty">No schedules.</p> : null}
      {schedules.data && schedules.data.length > 0 ? (
        <table className="data-table compact" data-testid="schedules-table">
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">Cron (UTC)</th>
              <th scope="col">Last run</th>
              <th scope="col">Next run</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {schedules.data.map((schedule) => (
              <tr key={schedule.id}>
                <td>{schedule.taskType}</td>
                <td className="mono">{schedule.cron}</td>
                <td>
                  <RelativeTime iso={schedule.lastRunAt} />
                </td>
                <td>{schedule.enabled ? <RelativeTime iso={schedule.nextRunAt} /> : <span className="muted">—</span>}</td>
                <td>
                  <span className={schedule.enabled ? 'text-good' : 'muted'}>{schedule.enabled ? 'enabled' : 'paused'}</span>{' '}
                  {can.operate ? (
                    <button type="button" className="small button-quiet" onClick={() => void toggle(schedule)}>
                      {schedule.enabled ? 'Pause' : 'Resume'}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Panel>
  );
}
