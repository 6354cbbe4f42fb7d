import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { ApiUnderTest } from '../bench-context';
import { gql, percentile, runningHealthAgent } from '../graphql-http';

export interface LiveLatency {
  subscribers: number;
  changes: number;
  deliveries: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * `subscribers` graphql-ws clients (one socket each) subscribed to taskUpdated(agentId);
 * `changes` tasks distributed one after another. Latency: from sending the mutation (its
 * commit happens inside that span) to each subscriber's receipt of the QUEUED update.
 */
export async function measureLiveLatency(api: ApiUnderTest, subscribers: number, changes: number): Promise<LiveLatency> {
  const agentId = await runningHealthAgent(api.url, api.adminKey, `live-${Date.now()}`, 1_000);
  const receipts = new Map<string, number[]>();
  const clients: Client[] = [];
  let ready = 0;
  await new Promise<void>((resolve, reject) => {
    for (let index = 0; index < subscribers; index += 1) {
      const client = createClient({
        url: `${api.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${api.adminKey}` },
        retryAttempts: 0,
        on: {
          connected: () => {
            ready += 1;
            if (ready === subscribers) resolve();
          },
        },
      });
      clients.push(client);
      client.subscribe<{ taskUpdated: { id: string; status: string } }>(
        { query: `subscription ($agentId: ID) { taskUpdated(agentId: $agentId) { id status } }`, variables: { agentId } },
        {
          next: ({ data }) => {
            if (data?.taskUpdated.status !== 'QUEUED') return;
            const list = receipts.get(data.taskUpdated.id) ?? [];
            list.push(performance.now());
            receipts.set(data.taskUpdated.id, list);
          },
          error: reject,
          complete: () => undefined,
        },
      );
    }
  });
  // Subscriptions are registered once the socket acknowledged; give the server a moment to attach them all.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const latencies: number[] = [];
  const sent = new Map<string, number>();
  for (let change = 0; change < changes; change += 1) {
    const started = performance.now();
    const { distributeTask } = await gql(api.url, api.adminKey, `mutation ($input: DistributeTaskInput!) { distributeTask(input: $input) { id } }`, { input: { type: 'noop', agentId } });
    sent.set(distributeTask.id, started);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && [...sent.keys()].some((id) => (receipts.get(id)?.length ?? 0) < subscribers)) await new Promise((resolve) => setTimeout(resolve, 50));
  for (const [id, started] of sent) for (const at of receipts.get(id) ?? []) latencies.push(at - started);
  for (const client of clients) await client.dispose();
  return { subscribers, changes, deliveries: latencies.length, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), maxMs: latencies.reduce((max, value) => Math.max(max, value), Number.NEGATIVE_INFINITY) };
}
