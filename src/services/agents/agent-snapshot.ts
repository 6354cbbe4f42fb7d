import type { AgentInstanceEntity } from '../../entities';

/** What events carry of an agent: never its config (which may hold secrets). */
export interface AgentSnapshot {
  id: string;
  name: string;
  type: string;
  status: string;
  statusReason: string | null;
  maxConcurrency: number;
  createdAt: string;
  lastActiveAt: string | null;
}

export function agentSnapshot(agent: AgentInstanceEntity): AgentSnapshot {
  return {
    id: agent.id,
    name: agent.name,
    type: agent.type,
    status: agent.status,
    statusReason: agent.statusReason,
    maxConcurrency: agent.maxConcurrency,
    createdAt: agent.createdAt.toISOString(),
    lastActiveAt: agent.lastActiveAt === null ? null : agent.lastActiveAt.toISOString(),
  };
}
