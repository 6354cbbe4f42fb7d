import autocannon from 'autocannon';
import type { ApiUnderTest } from '../bench-context';

export interface QueryLoad {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

/** autocannon against one GraphQL query on the API for `seconds` with `connections` keep-alive connections. */
export async function measureQuery(api: ApiUnderTest, name: string, query: string, variables: Record<string, unknown>, seconds: number, connections: number): Promise<QueryLoad> {
  const result = await autocannon({
    url: `${api.url}/graphql`,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${api.adminKey}` },
    body: JSON.stringify({ query, variables }),
  });
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

export const HELLO_QUERY = '{ __typename }';
export const STATUS_QUERY = `query ($id: ID!) { agent(id: $id) { status health { status queuedTasks runningTasks succeededTasks failedTasks successRate avgTaskMs lastError lastActiveAt } } }`;
export const LIST_QUERY = `{ agents(first: 50) { edges { node { id status health { status queuedTasks runningTasks succeededTasks failedTasks successRate avgTaskMs } tasks(first: 5) { edges { node { id status durationMs } } } } } } }`;
