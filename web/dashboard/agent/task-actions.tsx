import { useState } from 'react';
import { errorText } from '../api/http-client';
import { CANCEL_TASK, RETRY_TASK } from '../api/task-queries';
import type { Task } from '../api/types';
import { useSession } from '../session/session-context';

/** Cancel (queued or running) or retry (failed or cancelled): OPERATOR and up. */
export function TaskActions({ task, onChanged }: { task: Task; onChanged(task: Task): void }) {
  const { http, can } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  if (!can.operate) return null;
  const act = async (retry: boolean): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const data = await http.request<{ cancelTask?: Task; retryTask?: Task }>(retry ? RETRY_TASK : CANCEL_TASK, { id: task.id });
      const changed = data.cancelTask ?? data.retryTask;
      if (changed) onChanged(changed);
    } catch (failure: unknown) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  const cancellable = task.status === 'QUEUED' || task.status === 'RUNNING';
  const retryable = task.status === 'FAILED' || task.status === 'CANCELLED';
  return (
    <span className="task-actions">
      {cancellable ? (
        <button type="button" className="small" disabled={busy} onClick={() => void act(false)}>
          Cancel
        </button>
      ) : null}
      {retryable ? (
        <button type="button" className="small" disabled={busy} onClick={() => void act(true)}>
          Retry
        </button>
      ) : null}
      {error ? (
        <span className="inline-error" role="alert" title={error}>
          {error}
        </span>
      ) : null}
    </span>
  );
}
