import WebSocket from 'ws';
import type { ApiUnderTest } from '../bench-context';
import { gql, percentile, runningHealthAgent } from '../graphql-http';

export interface LiveLatency {
  subscribers: number;
  changes: number;
  deliveries: number;
  /** From the change's transaction (its task's createdAt: the transaction's start, before its commit) to each receipt, in ms. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** From sending the mutation (the HTTP request, before the transaction) to each receipt, in ms. */
  sentP50Ms: number;
  sentP99Ms: number;
  /** The mutations' own answers (sent to answered), in ms. */
  answerP50Ms: number;
  answerP99Ms: number;
}

/** Time between changes, in ms: the bare-ws baseline's interval, so both measure the same load. */
export const LIVE_CHANGE_INTERVAL_MS = 25;

/**
 * Changes sent before those measured, and left out of the figures (as many broadcasts of the
 * bare-ws baseline): 20, or the measured count if smaller. The first fan-outs of a process run
 * code V8 has not compiled yet; without this, its first four or five changes' deliveries (a
 * loop of 17–24 ms instead of ~10) were the whole slowest percent of a 200-change run.
 */
export const LIVE_WARM_UP_CHANGES = 20;

/** Warm-up changes before `changes` measured ones. */
export function liveWarmUps(changes: number): number {
  return Math.min(LIVE_WARM_UP_CHANGES, changes);
}

/** Wall-clock time in ms with sub-ms precision, comparable with PostgreSQL's timestamps. */
const wallClockMs = (): number => performance.timeOrigin + performance.now();

/**
 * `subscribers` sockets speaking graphql-transport-ws (bare `ws` and JSON.parse, as the bare-ws
 * baseline's clients: the load generator shares the machine's cores with the server, and a full
 * client library per socket would weigh on the figure) subscribed to taskUpdated(agentId);
 * `changes` tasks distributed `LIVE_CHANGE_INTERVAL_MS` apart, each queued an hour ahead so it
 * is one change. Latency: from the change's transaction to each subscriber's receipt of the
 * QUEUED update. The transaction's time is the task's createdAt (PostgreSQL's now(): when the
 * transaction began, so before its commit, on the clock this process reads too; truncated to the
 * millisecond, so a figure is at most 1 ms late): an upper bound of the time from the commit.
 * Also given, from sending the mutation (HTTP and the transaction included). `liveWarmUps`
 * changes go first, unmeasured.
 */
export async function measureLiveLatency(api: ApiUnderTest, subscribers: number, changes: number): Promise<LiveLatency> {
  const agentId = await runningHealthAgent(api.url, api.adminKey, `live-${Date.now()}`, 1_000);
  const receipts = new Map<string, number[]>();
  const began = new Map<string, number>();
  const sockets: WebSocket[] = [];
  const subscribe = JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `subscription ($agentId: ID) { taskUpdated(agentId: $agentId) { id status createdAt } }`, variables: { agentId } } });
  await Promise.all(
    Array.from({ length: subscribers }, () => {
      const socket = new WebSocket(`${api.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
      sockets.push(socket);
      return new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${api.adminKey}` } })));
        socket.on('message', (data: Buffer) => {
          const at = wallClockMs();
          const message = JSON.parse(data.toString()) as { type: string; payload?: { data?: { taskUpdated?: { id: string; status: string; createdAt: string } }; errors?: unknown } };
          if (message.type === 'connection_ack') {
            socket.send(subscribe);
            resolve();
          } else if (message.type === 'next') {
            const update = message.payload?.data?.taskUpdated;
            if (update?.status !== 'QUEUED') return;
            if (!began.has(update.id)) began.set(update.id, Date.parse(update.createdAt));
            const list = receipts.get(update.id) ?? [];
            list.push(at);
            receipts.set(update.id, list);
          } else if (message.type === 'error') {
            reject(new Error(`subscription refused: ${JSON.stringify(message.payload)}`));
          }
        });
      });
    }),
  );
  // graphql-transport-ws does not acknowledge a subscribe: give the server a moment to attach them all.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const latencies: number[] = [];
  const fromSent: number[] = [];
  const sent = new Map<string, number>();
  const answers: number[] = [];
  const warmUps = liveWarmUps(changes);
  for (let change = -warmUps; change < changes; change += 1) {
    const started = wallClockMs();
    // Queued for later: each change is exactly one event (a task that ran would add RUNNING
    // and SUCCEEDED, 200 more changes fanned out to every subscriber).
    const { distributeTask } = await gql(api.url, api.adminKey, `mutation ($input: DistributeTaskInput!) { distributeTask(input: $input) { id } }`, {
      input: { type: 'noop', agentId, runAt: new Date(Date.now() + 3_600_000).toISOString() },
    });
    if (change >= 0) {
      sent.set(distributeTask.id, started);
      answers.push(wallClockMs() - started);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + LIVE_CHANGE_INTERVAL_MS - wallClockMs())));
  }
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && [...sent.keys()].some((id) => (receipts.get(id)?.length ?? 0) < subscribers)) await new Promise((resolve) => setTimeout(resolve, 50));
  for (const [id, started] of sent) {
    const transaction = began.get(id) ?? Number.NaN;
    for (const at of receipts.get(id) ?? []) {
      latencies.push(at - transaction);
      fromSent.push(at - started);
    }
  }
  for (const socket of sockets) socket.terminate();
  return {
    subscribers,
    changes,
    deliveries: latencies.length,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.reduce((max, value) => Math.max(max, value), Number.NEGATIVE_INFINITY),
    sentP50Ms: percentile(fromSent, 50),
    sentP99Ms: percentile(fromSent, 99),
    answerP50Ms: percentile(answers, 50),
    answerP99Ms: percentile(answers, 99),
  };
}
