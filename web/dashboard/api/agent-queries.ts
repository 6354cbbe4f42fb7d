// Agent operations of the dashboard. Fragments are plain strings appended to the documents that use them.

export const AGENT_CORE = `fragment AgentCore on Agent { id name type status statusReason maxConcurrency createdAt lastActiveAt }`;

export const AGENT_ROW = `fragment AgentRow on Agent {
  ...AgentCore
  health { queuedTasks runningTasks succeededTasks failedTasks successRate avgTaskMs lastError lastActiveAt }
}
${AGENT_CORE}`;

export const AGENTS_PAGE = `query AgentsPage($first: Int!, $after: String, $filter: AgentFilter) {
  agents(first: $first, after: $after, filter: $filter) {
    edges { node { ...AgentRow } }
    pageInfo { hasNextPage endCursor }
    totalCount
  }
}
${AGENT_ROW}`;

/** Re-reads up to 15 rows in one request (the server allows 15 aliases): `a0: agent(id: $a0)`, ... */
export function agentRowsQuery(count: number): string {
  const indexes = Array.from({ length: count }, (_, index) => index);
  return `query AgentRows(${indexes.map((i) => `$a${i}: ID!`).join(', ')}) {
  ${indexes.map((i) => `a${i}: agent(id: $a${i}) { ...AgentRow }`).join('\n  ')}
}
${AGENT_ROW}`;
}

export const AGENT_DETAIL = `query AgentDetail($id: ID!) {
  agent(id: $id) { ...AgentRow config }
}
${AGENT_ROW}`;

export const AGENT_TYPES = `query AgentTypes { agentTypes { key description configSchema taskTypes } }`;

export const AGENT_STATUS_CHANGED = `subscription AgentStatusChanged($agentId: ID) {
  agentStatusChanged(agentId: $agentId) { previousStatus status at agent { ...AgentCore } }
}
${AGENT_CORE}`;

export const START_AGENT = `mutation StartAgent($id: ID!) { startAgent(id: $id) { ...AgentCore } }
${AGENT_CORE}`;

export const STOP_AGENT = `mutation StopAgent($id: ID!) { stopAgent(id: $id) { ...AgentCore } }
${AGENT_CORE}`;

export const CREATE_AGENT = `mutation CreateAgent($input: CreateAgentInput!) { createAgent(input: $input) { ...AgentRow config } }
${AGENT_ROW}`;

export const UPDATE_AGENT = `mutation UpdateAgent($id: ID!, $input: UpdateAgentInput!) { updateAgent(id: $id, input: $input) { ...AgentRow config } }
${AGENT_ROW}`;
