import { useState, type FormEvent } from 'react';
import { errorText } from '../api/http-client';
import { CREATE_SCHEDULE } from '../api/system-queries';
import type { Schedule } from '../api/types';
import { ErrorNote } from '../common/error-note';
import { useSession } from '../session/session-context';

/** Adds a schedule to the agent (ADMIN): task type, five-field cron (UTC), JSON payload. */
export function ScheduleForm({ agentId, taskTypes, onDone }: { agentId: string; taskTypes: string[]; onDone(created: Schedule | null): void }) {
  const { http } = useSession();
  const [taskType, setTaskType] = useState(taskTypes[0] ?? '');
  const [cron, setCron] = useState('*/5 * * * *');
  const [payload, setPayload] = useState('{}');
  const [error, setError] = useState<string | undefined>();
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload || '{}');
    } catch {
      setError('The payload is not valid JSON.');
      return;
    }
    try {
      const { createSchedule } = await http.request<{ createSchedule: Schedule }>(CREATE_SCHEDULE, { input: { agentId, taskType, cron, payload: parsed } });
      onDone(createSchedule);
    } catch (failure: unknown) {
      setError(errorText(failure));
    }
  };
  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)} aria-label="New schedule">
      <div className="form-row">
        <div className="form-field">
          <label htmlFor="schedule-task">Task type</label>
          <select id="schedule-task" value={taskType} onChange={(event) => setTaskType(event.target.value)}>
            {taskTypes.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor="schedule-cron">Cron (UTC)</label>
          <input id="schedule-cron" className="mono" value={cron} onChange={(event) => setCron(event.target.value)} spellCheck={false} />
        </div>
      </div>
      <div className="form-field">
        <label htmlFor="schedule-payload">Payload (JSON)</label>
        <textarea id="schedule-payload" className="mono" rows={2} value={payload} onChange={(event) => setPayload(event.target.value)} spellCheck={false} />
      </div>
      <ErrorNote error={error} />
      <div className="form-buttons">
        <button type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
        <button type="submit" className="primary">
          Add
        </button>
      </div>
    </form>
  );
}
