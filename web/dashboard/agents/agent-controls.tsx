import { useState } from 'react';
import { START_AGENT, STOP_AGENT } from '../api/agent-queries';
import { errorText } from '../api/http-client';
import type { AgentCore, AgentStatus } from '../api/types';
import { useSession } from '../session/session-context';

const STARTABLE: readonly AgentStatus[] = ['CREATED', 'STOPPED', 'ERROR'];
const STOPPABLE: readonly AgentStatus[] = ['STARTING', 'RUNNING'];

/** Start or stop, whichever the status allows (OPERATOR and up; nothing for a VIEWER). */
export function AgentControls({ agent, onChanged }: { agent: AgentCore; onChanged(agent: AgentCore): void }) {
  const { http, can } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  if (!can.operate) return null;
  const run = async (start: boolean): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const data = await http.request<{ startAgent?: AgentCore; stopAgent?: AgentCore }>(start ? START_AGENT : STOP_AGENT, { id: agent.id });
      const changed = data.startAgent ?? data.stopAgent;
      if (changed) onChanged(changed);
    } catch (failure: unknown) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  const canStart = STARTABLE.includes(agent.status);
  const canStop = STOPPABLE.includes(agent.status);
  return (
    <span className="agent-controls">
      {canStart ? (
        <button type="button" className="small" disabled={busy} onClick={() => void run(true)} aria-label={`Start ${agent.name}`}>
          Start
        </button>
      ) : null}
      {canStop ? (
        <button type="button" className="small" disabled={busy} onClick={() => void run(false)} aria-label={`Stop ${agent.name}`}>
          Stop
        </button>
      ) : null}
      {!canStart && !canStop ? <span className="muted small-text">{agent.status.toLowerCase()}…</span> : null}
      {error ? (
        <span className="inline-error" role="alert" title={error}>
          {error}
        </span>
      ) : null}
    </span>
  );
}
