import type { GraphQLClient } from './graphql-client';
import { waitFor } from './wait-for';

/** Creates a health-check agent and waits until it is RUNNING (a worker must be running). */
export async function runningAgent(client: GraphQLClient, name: string, maxConcurrency = 4, config: Record<string, unknown> = {}): Promise<string> {
  const created = await client.data<{ createAgent: { id: string } }>(
    `mutation ($input: CreateAgentInput!) { createAgent(input: $input) { id } }`,
    { input: { name, type: 'health-check', config, maxConcurrency } },
  );
  const id = created.createAgent.id;
  await client.data(`mutation ($id: ID!) { startAgent(id: $id) { status } }`, { id });
  await waitFor(async () => {
    const { agent } = await client.data<{ agent: { status: string } }>(`query ($id: ID!) { agent(id: $id) { status } }`, { id });
    return agent.status === 'RUNNING' ? true : undefined;
  }, `agent ${name} RUNNING`);
  return id;
}

export interface TaskState {
  id: string;
  status: string;
  attempts: number;
  result: any;
  error: string | null;
  startedAt: string | null;
  completedAt: string | null;
  durationMs: number | null;
}

const TASK_FIELDS = 'id status attempts result error startedAt completedAt durationMs';

export async function distribute(client: GraphQLClient, input: Record<string, unknown>): Promise<TaskState> {
  const { distributeTask } = await client.data<{ distributeTask: TaskState }>(
    `mutation ($input: DistributeTaskInput!) { distributeTask(input: $input) { ${TASK_FIELDS} } }`,
    { input },
  );
  return distributeTask;
}

export async function taskState(client: GraphQLClient, id: string): Promise<TaskState> {
  const { task } = await client.data<{ task: TaskState }>(`query ($id: ID!) { task(id: $id) { ${TASK_FIELDS} } }`, { id });
  return task;
}

/** Waits until the task reaches one of the statuses. */
export async function taskReaches(client: GraphQLClient, id: string, statuses: string[], timeoutMs = 20_000): Promise<TaskState> {
  return waitFor(async () => {
    const task = await taskState(client, id);
    return statuses.includes(task.status) ? task : undefined;
  }, `task ${id} to reach ${statuses.join('/')}`, timeoutMs);
}
