import autocannon from 'autocannon';
import type { ApiUnderTest } from '../bench-context';

export interface QueryLoad {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

/** Requests each connection sends before a query is measured (JIT, caches and pools warm): 50. */
const WARM_UP_REQUESTS_PER_CONNECTION = 50;

/**
 * autocannon against one GraphQL query on the API for `seconds` with `connections` keep-alive
 * connections, after a warm-up of the same query that is not measured (so the first query
 * measured in a run is not the one that pays for warming the process up).
 */
export async function measureQuery(api: ApiUnderTest, name: string, query: string, variables: Record<string, unknown>, seconds: number, connections: number): Promise<QueryLoad> {
  const options = {
    url: `${api.url}/graphql`,
    method: 'POST' as const,
    connections,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${api.adminKey}` },
    body: JSON.stringify({ query, variables }),
  };
  await autocannon({ ...options, amount: connections * WARM_UP_REQUESTS_PER_CONNECTION });
  const result = await autocannon({ ...options, duration: seconds });
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
