import { fork } from 'node:child_process';
import WebSocket, { WebSocketServer } from 'ws';
import { percentile } from '../graphql-http';
import { liveWarmUps } from './live-latency.measure';

export interface RawFanout {
  subscribers: number;
  broadcasts: number;
  p50Ms: number;
  p99Ms: number;
}

/** Absolute time in ms with sub-ms precision, comparable across processes. */
const nowMs = (): number => performance.timeOrigin + performance.now();

/**
 * The floor of live delivery on this machine: a bare ws server in a process of its own
 * broadcasting a graphql-ws-sized message to `subscribers` sockets of this process,
 * `broadcasts` times, `intervalMs` apart; latency from the start of each broadcast to each
 * receipt. No GraphQL, no database: what any server written on ws could do at best. As many
 * unmeasured broadcasts go first as the live measure's warm-up changes.
 */
export async function measureRawWebSocketFanout(subscribers: number, broadcasts: number, intervalMs: number): Promise<RawFanout> {
  const server = fork(__filename, ['--raw-ws-server'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const port = await new Promise<number>((resolve) => server.once('message', (message) => resolve((message as { port: number }).port)));
    const latencies: number[] = [];
    const sockets: WebSocket[] = [];
    await Promise.all(
      Array.from({ length: subscribers }, () => {
        const socket = new WebSocket(`ws://127.0.0.1:${port}`);
        sockets.push(socket);
        socket.on('message', (data: Buffer) => {
          const { sentAt, warmUp } = (JSON.parse(data.toString()) as { payload: { sentAt: number; warmUp: boolean } }).payload;
          if (!warmUp) latencies.push(nowMs() - sentAt);
        });
        return new Promise((resolve) => socket.once('open', resolve));
      }),
    );
    for (let n = -liveWarmUps(broadcasts); n < broadcasts; n += 1) {
      server.send({ warmUp: n < 0 });
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
    const deadline = Date.now() + 10_000;
    while (latencies.length < subscribers * broadcasts && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    for (const socket of sockets) socket.terminate();
    return { subscribers, broadcasts, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
  } finally {
    server.kill();
  }
}

function serve(): void {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' }, () => {
    process.send!({ port: (wss.address() as { port: number }).port });
  });
  process.on('message', ({ warmUp }: { warmUp: boolean }) => {
    const message = JSON.stringify({ id: 'a0b1c2d3-0000-4000-8000-000000000000', type: 'next', payload: { sentAt: nowMs(), warmUp, data: { taskUpdated: { id: 'a0b1c2d3-0000-4000-8000-000000000001', status: 'QUEUED' } } } });
    for (const client of wss.clients) client.send(message);
  });
  process.on('disconnect', () => process.exit(0));
}

if (process.argv.includes('--raw-ws-server')) serve();
