import { Agent, request } from 'node:http';

/** Keep-alive connections shared by the load generators (node:http costs the bench process less CPU than fetch). */
const keepAlive = new Agent({ keepAlive: true, maxSockets: 256 });

/** A minimal keep-alive GraphQL client for the load generators. */
export async function gql<T = any>(url: string, key: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const payload = JSON.stringify({ query, variables });
  const text = await new Promise<string>((resolve, reject) => {
    const call = request(
      `${url}/graphql`,
      { method: 'POST', agent: keepAlive, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), authorization: `Bearer ${key}` } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        response.on('error', reject);
      },
    );
    call.on('error', reject);
    call.end(payload);
  });
  const body = JSON.parse(text) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors).slice(0, 500)}`);
  return body.data as T;
}

export async function runningHealthAgent(url: string, key: string, name: string, maxConcurrency: number): Promise<string> {
  const { createAgent } = await gql(url, key, `mutation ($input: CreateAgentInput!) { createAgent(input: $input) { id } }`, {
    input: { name, type: 'health-check', config: {}, maxConcurrency },
  });
  await gql(url, key, `mutation ($id: ID!) { startAgent(id: $id) { status } }`, { id: createAgent.id });
  for (let i = 0; i < 500; i += 1) {
    const { agent } = await gql(url, key, `query ($id: ID!) { agent(id: $id) { status } }`, { id: createAgent.id });
    if (agent.status === 'RUNNING') return createAgent.id as string;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`agent ${name} did not reach RUNNING`);
}

/** Percentile of a sorted-on-demand sample, in the sample's unit. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Runs `count` calls of `work` with at most `concurrency` in flight. */
export async function pooled(count: number, concurrency: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const index = next;
        next += 1;
        await work(index);
      }
    }),
  );
}
