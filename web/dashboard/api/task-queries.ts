// Task and log operations of the agent page.

export const TASK_FIELDS = `fragment TaskFields on Task {
  id type status payload result error attempts maxAttempts priority createdAt startedAt completedAt durationMs
}`;

export const AGENT_TASKS = `query AgentTasks($id: ID!, $status: TaskStatus, $first: Int!, $after: String) {
  agent(id: $id) {
    id
    tasks(status: $status, first: $first, after: $after) {
      edges { node { ...TaskFields } }
      pageInfo { hasNextPage endCursor }
      totalCount
    }
  }
}
${TASK_FIELDS}`;

/** Re-reads up to 15 tasks in one request: `t0: task(id: $t0)`, ... */
export function taskRowsQuery(count: number): string {
  const indexes = Array.from({ length: count }, (_, index) => index);
  return `query TaskRows(${indexes.map((i) => `$t${i}: ID!`).join(', ')}) {
  ${indexes.map((i) => `t${i}: task(id: $t${i}) { ...TaskFields }`).join('\n  ')}
}
${TASK_FIELDS}`;
}

export const TASK_UPDATED = `subscription TaskUpdated($agentId: ID) { taskUpdated(agentId: $agentId) { ...TaskFields } }
${TASK_FIELDS}`;

export const CANCEL_TASK = `mutation CancelTask($id: ID!) { cancelTask(id: $id) { ...TaskFields } }
${TASK_FIELDS}`;

export const RETRY_TASK = `mutation RetryTask($id: ID!) { retryTask(id: $id) { ...TaskFields } }
${TASK_FIELDS}`;

export const DISTRIBUTE_TASK = `mutation DistributeTask($input: DistributeTaskInput!) { distributeTask(input: $input) { ...TaskFields } }
${TASK_FIELDS}`;

export const AGENT_LOGS = `query AgentLogs($id: ID!, $first: Int!) {
  agent(id: $id) { id logs(first: $first) { edges { node { id level message actor timestamp } } } }
}`;

export const AGENT_LOG_ADDED = `subscription AgentLogAdded($agentId: ID) {
  agentLogAdded(agentId: $agentId) { id level message actor timestamp }
}`;

export const AGENT_METRICS = `query AgentMetrics($id: ID!, $since: DateTime!, $bucket: Int!) {
  agent(id: $id) {
    id
    duration: metrics(name: "task.duration_ms", since: $since, bucketSeconds: $bucket) { timestamp count avg max }
    succeeded: metrics(name: "task.succeeded", since: $since, bucketSeconds: $bucket) { timestamp count sum }
    failed: metrics(name: "task.failed", since: $since, bucketSeconds: $bucket) { timestamp count sum }
  }
}`;
