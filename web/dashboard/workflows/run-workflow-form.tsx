import { useState, type FormEvent } from 'react';
import { errorText } from '../api/http-client';
import { RUN_WORKFLOW } from '../api/workflow-queries';
import { ErrorNote } from '../common/error-note';
import { hrefs } from '../hooks/use-hash-route';
import { useSession } from '../session/session-context';

/** Starts a run of this version with a JSON input (OPERATOR), then opens the run. */
export function RunWorkflowForm({ workflowId }: { workflowId: string }) {
  const { http, can } = useSession();
  const [input, setInput] = useState('{}');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  if (!can.operate) return null;
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    let parsed: unknown;
    try {
      parsed = JSON.parse(input || '{}');
    } catch {
      setError('The input is not valid JSON.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const { runWorkflow } = await http.request<{ runWorkflow: { id: string } }>(RUN_WORKFLOW, { input: { workflowId, input: parsed } });
      location.hash = hrefs.run(runWorkflow.id);
    } catch (failure: unknown) {
      setError(errorText(failure));
      setBusy(false);
    }
  };
  return (
    <form className="run-form" onSubmit={(event) => void submit(event)} aria-label="Run this workflow">
      <div className="form-field">
        <label htmlFor="run-input">Input (JSON)</label>
        <textarea id="run-input" className="mono" rows={3} value={input} onChange={(event) => setInput(event.target.value)} spellCheck={false} />
      </div>
      <ErrorNote error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Starting…' : 'Run workflow'}
      </button>
    </form>
  );
}
