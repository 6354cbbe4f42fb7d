import { useState, type FormEvent } from 'react';
import { errorText } from '../api/http-client';
import { DISTRIBUTE_TASK } from '../api/task-queries';
import type { Task } from '../api/types';
import { ErrorNote } from '../common/error-note';
import { useSession } from '../session/session-context';

/** Hands the agent one task (OPERATOR): a type it accepts and a JSON payload. */
export function RunTaskForm({ agentId, taskTypes, onDone }: { agentId: string; taskTypes: string[]; onDone(task: Task | null): void }) {
  const { http } = useSession();
  const [type, setType] = useState(taskTypes[0] ?? '');
  const [payload, setPayload] = useState('{}');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload || '{}');
    } catch {
      setError('The payload is not valid JSON.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const { distributeTask } = await http.request<{ distributeTask: Task }>(DISTRIBUTE_TASK, { input: { type, payload: parsed, agentId } });
      onDone(distributeTask);
    } catch (failure: unknown) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="inline-form run-task-form" onSubmit={(event) => void submit(event)} aria-label="Run a task">
      <div className="form-field">
        <label htmlFor="run-task-type">Task type</label>
        <select id="run-task-type" value={type} onChange={(event) => setType(event.target.value)}>
          {taskTypes.map((each) => (
            <option key={each} value={each}>
              {each}
            </option>
          ))}
        </select>
      </div>
      <div className="form-field grow">
        <label htmlFor="run-task-payload">Payload (JSON)</label>
        <input id="run-task-payload" className="mono" value={payload} onChange={(event) => setPayload(event.target.value)} spellCheck={false} />
      </div>
      <div className="form-buttons">
        <button type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy || type === ''}>
          Run
        </button>
      </div>
      <ErrorNote error={error} />
    </form>
  );
}
