import type { AgentCore, AgentStatus } from '../api/types';

/** The AgentFilter input of `agents(filter:)`; empty fields are left out. */
export interface AgentFilter {
  status?: AgentStatus;
  type?: string;
  nameContains?: string;
}

/** Whether an agent the page learnt about live belongs in the filtered list, as the server would decide. */
export function matchesFilter(filter: AgentFilter, agent: AgentCore): boolean {
  if (filter.status && agent.status !== filter.status) return false;
  if (filter.type && agent.type !== filter.type) return false;
  if (filter.nameContains && !agent.name.toLowerCase().includes(filter.nameContains.toLowerCase())) return false;
  return true;
}

export const EMPTY_HEALTH = Object.freeze({
  queuedTasks: 0,
  runningTasks: 0,
  succeededTasks: 0,
  failedTasks: 0,
  successRate: null,
  avgTaskMs: null,
  lastError: null,
  lastActiveAt: null,
});
