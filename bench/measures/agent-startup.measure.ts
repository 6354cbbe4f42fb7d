import { Client } from 'pg';
import { gql, percentile } from '../graphql-http';
import type { ApiUnderTest } from '../bench-context';

export interface StartupLatency {
  agents: number;
  p50Ms: number;
  p99Ms: number;
}

/** startAgent → the agent's RUNNING event committed, for `agents` agents started one after another. */
export async function measureAgentStartup(api: ApiUnderTest, databaseUrl: string, agents: number): Promise<StartupLatency> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const latencies: number[] = [];
  try {
    for (let index = 0; index < agents; index += 1) {
      const { createAgent } = await gql(api.url, api.adminKey, `mutation ($input: CreateAgentInput!) { createAgent(input: $input) { id } }`, {
        input: { name: `startup-${Date.now()}-${index}`, type: 'health-check', config: {} },
      });
      const started = performance.now();
      await gql(api.url, api.adminKey, `mutation ($id: ID!) { startAgent(id: $id) { status } }`, { id: createAgent.id });
      for (;;) {
        const { rows } = await db.query(`SELECT 1 FROM events WHERE agent_id = $1 AND kind = 'AGENT_STATUS' AND status = 'RUNNING'`, [createAgent.id]);
        if (rows.length > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      latencies.push(performance.now() - started);
    }
  } finally {
    await db.end();
  }
  return { agents, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}
