import { useEffect } from 'react';
import { AGENT_DETAIL, AGENT_STATUS_CHANGED } from '../api/agent-queries';
import type { AgentCore, AgentDetail } from '../api/types';
import { useAsync, type AsyncState } from '../hooks/use-async';
import { useSubscription } from '../hooks/use-subscription';
import { useSession } from '../session/session-context';

/** How long task activity settles before the health figures are read again, in ms. */
const HEALTH_SETTLE_MS = 1_000;

/**
 * One agent with its health: status changes applied live from agentStatusChanged(agentId);
 * the figures read again (once per second at most) after task activity or a resync.
 * `data` is null when no such agent exists.
 */
export function useAgentDetail(agentId: string, activity: number, resync: number): AsyncState<AgentDetail | null> {
  const { http } = useSession();
  const state = useAsync(() => http.request<{ agent: AgentDetail | null }>(AGENT_DETAIL, { id: agentId }).then((data) => data.agent), [http, agentId, resync]);
  useSubscription<{ agentStatusChanged: { agent: AgentCore } }>({
    query: AGENT_STATUS_CHANGED,
    variables: { agentId },
    onData: ({ agentStatusChanged: { agent } }) =>
      state.setData((previous) => (previous ? { ...previous, ...agent, health: { ...previous.health, lastActiveAt: agent.lastActiveAt ?? previous.health.lastActiveAt } } : previous)),
  });
  useEffect(() => {
    if (activity === 0) return undefined;
    const timer = setTimeout(state.reload, HEALTH_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [activity, state.reload]);
  return state;
}
