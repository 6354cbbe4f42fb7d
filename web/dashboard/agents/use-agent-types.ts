import { AGENT_TYPES } from '../api/agent-queries';
import type { AgentTypeInfo } from '../api/types';
import { useAsync, type AsyncState } from '../hooks/use-async';
import { useSession } from '../session/session-context';

/** The server's catalogue of agent types (configSchema, taskTypes). */
export function useAgentTypes(): AsyncState<AgentTypeInfo[]> {
  const { http } = useSession();
  return useAsync(() => http.request<{ agentTypes: AgentTypeInfo[] }>(AGENT_TYPES).then((data) => data.agentTypes), [http]);
}
