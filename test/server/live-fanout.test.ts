import { GraphQLError, type ExecutionResult } from 'graphql';
import WebSocket, { WebSocketServer } from 'ws';
import { FannedOutSubscription, LiveFanout, type FanoutTarget } from '../../src/server/live-fanout';
import { SharedEventExecutions } from '../../src/server/subscription-execution';
import type { DomainError, StoredEvent } from '../../src/services';

type Frame = { id: string; type: string; payload: { data?: { n: number } | null; errors?: { message: string; extensions?: Record<string, unknown> }[] } };

/** A connected pair: the server's end (what the fan-out writes to) and what its client received. */
interface Pair {
  server: WebSocket;
  client: WebSocket;
  frames: Frame[];
  /** Resolves with the frames received once there are `count` of them. */
  received(count: number): Promise<Frame[]>;
}

function storedEvent(cursor: number): StoredEvent {
  return { cursor: String(cursor), kind: 'LOG', at: new Date(), agentId: null, taskId: null, workflowRunId: null, status: null, previousStatus: null, data: { n: cursor }, actor: null, correlationId: null };
}

/** A source stream as the fan-out sees a diverted one: it only has to be returned. */
function divertedSource(): AsyncIterator<unknown> & { returned: boolean } {
  const source = {
    returned: false,
    next: async (): Promise<IteratorResult<unknown>> => ({ value: undefined, done: true }),
    return: async (): Promise<IteratorResult<unknown>> => {
      source.returned = true;
      return { value: undefined, done: true };
    },
  };
  return source;
}

/** A result that is ready when the test says so. */
function pending(): { promise: Promise<ExecutionResult>; resolve(result: ExecutionResult): void; reject(error: unknown): void } {
  let resolve!: (result: ExecutionResult) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<ExecutionResult>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe('the live fan-out', () => {
  let wss: WebSocketServer;
  let url: string;
  const pairs: Pair[] = [];

  beforeAll(async () => {
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    url = `ws://127.0.0.1:${(wss.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await Promise.all(
      pairs.map(
        (pair) =>
          new Promise((resolve) => {
            pair.server.once('close', resolve);
            pair.client.terminate();
          }),
      ),
    );
    expect(wss.clients.size).toBe(0);
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });

  async function connect(): Promise<Pair> {
    const accepted = new Promise<WebSocket>((resolve) => wss.once('connection', (socket) => resolve(socket)));
    const client = new WebSocket(url);
    const frames: Frame[] = [];
    const waiters: { count: number; resolve(frames: Frame[]): void }[] = [];
    client.on('message', (data: Buffer) => {
      frames.push(JSON.parse(data.toString()) as Frame);
      for (const waiter of waiters.filter((each) => frames.length >= each.count)) waiter.resolve(frames);
    });
    const received = (count: number): Promise<Frame[]> =>
      frames.length >= count ? Promise.resolve(frames) : new Promise((resolve) => waiters.push({ count, resolve }));
    await new Promise((resolve) => client.once('open', resolve));
    const pair = { server: await accepted, client, frames, received };
    pairs.push(pair);
    return pair;
  }

  function subscriber(pair: Pair, id: string, overflows: DomainError[] = []): { subscription: FannedOutSubscription; source: ReturnType<typeof divertedSource> } {
    const target: FanoutTarget = {
      socket: pair.server,
      id,
      // As the transport does: each subscriber's copy masks what it may not see.
      formatErrors: (result) => ({ ...result, errors: (result.errors ?? []).map(() => ({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', subscriber: id } })) }),
      onOverflow: (error) => overflows.push(error),
    };
    const source = divertedSource();
    return { subscription: new FannedOutSubscription(source, target, 1_000), source };
  }

  it('executes each event once for every subscriber of a key and writes them in bus order when a later execution ends first', async () => {
    const [a, b] = [await connect(), await connect()];
    const fanout = new LiveFanout(new SharedEventExecutions());
    const [first, second] = [subscriber(a, 'one'), subscriber(b, 'two')];
    const results = [pending(), pending()];
    let executions = 0;
    const events = [storedEvent(1), storedEvent(2)];
    events.forEach((event, index) => {
      for (const each of [first, second])
        fanout.offer(event, 'key', each.subscription, () => {
          executions += 1;
          return results[index]!.promise;
        });
    });
    results[1]!.resolve({ data: { n: 2 } });
    await new Promise((resolve) => setImmediate(resolve));
    results[0]!.resolve({ data: { n: 1 } });

    for (const [pair, id] of [[a, 'one'], [b, 'two']] as const) {
      const frames = await pair.received(2);
      expect(frames).toEqual([
        { id, type: 'next', payload: { data: { n: 1 } } },
        { id, type: 'next', payload: { data: { n: 2 } } },
      ]);
    }
    expect(executions).toBe(2);
  });

  it("formats a result with errors for each subscriber, and ends every subscriber's stream with the error when the execution throws", async () => {
    const [a, b] = [await connect(), await connect()];
    const fanout = new LiveFanout(new SharedEventExecutions());
    const [first, second] = [subscriber(a, 'one'), subscriber(b, 'two')];
    const withErrors = storedEvent(10);
    for (const each of [first, second]) fanout.offer(withErrors, 'key', each.subscription, async () => ({ data: null, errors: [new GraphQLError('a secret table name')] }));
    for (const [pair, id] of [[a, 'one'], [b, 'two']] as const) {
      const [frame] = await pair.received(1);
      expect(frame).toEqual({ id, type: 'next', payload: { data: null, errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', subscriber: id } }] } });
    }

    const waiting = [first.subscription.next(), second.subscription.next()];
    const thrown = new Error('execution failed');
    for (const each of [first, second]) fanout.offer(storedEvent(11), 'key', each.subscription, async () => Promise.reject(thrown));
    for (const next of waiting) await expect(next).rejects.toBe(thrown);
    expect(first.source.returned && second.source.returned).toBe(true);
    expect(a.frames).toHaveLength(1);
  });

  it('hands an event queued before a late divert to that subscriber after the batch already written', async () => {
    const [a, b] = [await connect(), await connect()];
    const fanout = new LiveFanout(new SharedEventExecutions());
    const [early, late] = [subscriber(a, 'early'), subscriber(b, 'late')];
    const event = storedEvent(20);
    fanout.offer(event, 'key', early.subscription, async () => ({ data: { n: 20 } }));
    await a.received(1);
    fanout.offer(event, 'key', late.subscription, async () => ({ data: { n: -1 } }));
    fanout.offer(storedEvent(21), 'key', late.subscription, async () => ({ data: { n: 21 } }));
    const frames = await b.received(2);
    // The event's one execution, shared: not run again for the late subscriber.
    expect(frames.map((frame) => frame.payload.data?.n)).toEqual([20, 21]);
  });

  it('writes nothing more to a subscription once graphql-ws returned it, and returns its stream', async () => {
    const a = await connect();
    const fanout = new LiveFanout(new SharedEventExecutions());
    const { subscription, source } = subscriber(a, 'one');
    const waiting = subscription.next();
    await subscription.return();
    await expect(waiting).resolves.toEqual({ value: undefined, done: true });
    expect(source.returned).toBe(true);
    fanout.offer(storedEvent(30), 'key', subscription, async () => ({ data: { n: 30 } }));
    // A second subscriber on the same socket shows when the fan-out has written.
    const other = subscriber(a, 'other');
    fanout.offer(storedEvent(31), 'key', other.subscription, async () => ({ data: { n: 31 } }));
    const frames = await a.received(1);
    expect(frames).toEqual([{ id: 'other', type: 'next', payload: { data: { n: 31 } } }]);
  });
});
