import type { Socket } from 'node:net';
import { GraphQLError, type ExecutionResult } from 'graphql';
import WebSocket, { WebSocketServer } from 'ws';
import { FannedOutSubscription, type FanoutTarget } from '../../src/server/fanned-out-subscription';
import { LiveFanout } from '../../src/server/live-fanout';
import { SharedEventExecutions } from '../../src/server/subscription-execution';
import type { DomainError, StoredEvent } from '../../src/services';

type Frame = { id: string; type: string; payload: { data?: { n: number } | null; errors?: { message: string; extensions?: Record<string, unknown> }[] } };

/** A connected pair: the server's end (what the fan-out writes to) and what its client received. */
interface Pair {
  server: WebSocket;
  /** The TCP socket under `server` (its upgrade request's). */
  transport: Socket;
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
    const accepted = new Promise<{ server: WebSocket; transport: Socket }>((resolve) => wss.once('connection', (server, request) => resolve({ server, transport: request.socket })));
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
    const pair = { ...(await accepted), client, frames, received };
    pairs.push(pair);
    return pair;
  }

  /**
   * A fanned-out subscription to `pair`'s socket. `pulled` (default true): graphql-ws has
   * registered it and waits on its stream, as once its subscribe() answered. `direct` (default
   * true): the TCP socket under it is known, as graphql-ws's upgrade request tells.
   */
  function subscriber(
    pair: Pair,
    id: string,
    overflows: DomainError[] = [],
    limit = 1_000,
    pulled = true,
    direct = true,
  ): { subscription: FannedOutSubscription; source: ReturnType<typeof divertedSource> } {
    const target: FanoutTarget = {
      socket: pair.server,
      ...(direct ? { transport: pair.transport } : {}),
      id,
      // As the transport does: each subscriber's copy masks what it may not see.
      formatErrors: (result) => ({ ...result, errors: (result.errors ?? []).map(() => ({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', subscriber: id } })) }),
      onOverflow: (error) => overflows.push(error),
    };
    const source = divertedSource();
    const subscription = new FannedOutSubscription(source, target, limit);
    // A test that waits on the stream itself takes this pull's place; its failures are the test's.
    if (pulled) subscription.next().catch(() => undefined);
    return { subscription, source };
  }

  it('executes each event once for every subscriber of a key and writes them in bus order when a later execution ends first', async () => {
    const [a, b] = [await connect(), await connect()];
    const fanout = new LiveFanout(new SharedEventExecutions(), 1_000);
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

  it("writes results of every frame length after the socket's own messages sent before them, whether it writes the frames itself or ws does", async () => {
    const [direct, throughWs] = [await connect(), await connect()];
    const fanout = new LiveFanout(new SharedEventExecutions(), 1_000);
    const subscriptions = [
      { pair: direct, subscription: subscriber(direct, 'ünï', [], 1_000, true, true).subscription },
      { pair: throughWs, subscription: subscriber(throughWs, 'ünï', [], 1_000, true, false).subscription },
    ];
    // A frame's length takes 7 bits below 126 bytes, 16 bits below 65,536, and 64 bits above;
    // past 16 KB the shared bytes are written after the frame's start rather than copied.
    const paddings = ['', 'é'.repeat(200), 'x'.repeat(30_000), 'x'.repeat(70_000)];
    for (const [index, padding] of paddings.entries()) {
      for (const { pair, subscription } of subscriptions) {
        // A key of its own for each: a key's event is executed once, by its first subscriber's run.
        fanout.offer(storedEvent(60 + index), pair === direct ? 'direct' : 'through-ws', subscription, async () => {
          // graphql-ws's own message, sent through ws just before the result is written.
          pair.server.send(JSON.stringify({ id: 'other', type: 'complete' }));
          return { data: { n: 60 + index, padding } };
        });
      }
      // One event at a time: with a frame still in flight a result waits, as graphql-ws's would.
      await Promise.all([direct.received(2 * index + 2), throughWs.received(2 * index + 2)]);
    }
    const expected = paddings.flatMap((padding, index) => [
      { id: 'other', type: 'complete' },
      { id: 'ünï', type: 'next', payload: { data: { n: 60 + index, padding } } },
    ]);
    expect(await direct.received(8)).toEqual(expected);
    expect(await throughWs.received(8)).toEqual(expected);
  });

  it('leaves the frames to ws when the socket compresses them, so a result keeps its place behind a message still being compressed', async () => {
    const compressing = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: true });
    await new Promise<void>((resolve) => compressing.once('listening', () => resolve()));
    const accepted = new Promise<{ server: WebSocket; transport: Socket }>((resolve) => compressing.once('connection', (server, request) => resolve({ server, transport: request.socket })));
    const client = new WebSocket(`ws://127.0.0.1:${(compressing.address() as { port: number }).port}`);
    const frames: Frame[] = [];
    const received = new Promise<void>((resolve) =>
      client.on('message', (data: Buffer) => {
        frames.push(JSON.parse(data.toString()) as Frame);
        if (frames.length === 2) resolve();
      }),
    );
    try {
      const { server, transport } = await accepted;
      expect(server.extensions).toBe('permessage-deflate');
      const fanout = new LiveFanout(new SharedEventExecutions(), 1_000);
      const subscription = new FannedOutSubscription(divertedSource(), { socket: server, transport, id: 'one', formatErrors: (result) => result, onOverflow: () => undefined }, 1_000);
      subscription.next().catch(() => undefined);
      const padding = 'y'.repeat(200_000);
      fanout.offer(storedEvent(70), 'key', subscription, async () => {
        // Compressed off the main thread: ws holds what is sent after it until it is done.
        server.send(JSON.stringify({ id: 'other', type: 'complete', padding }));
        return { data: { n: 70 } };
      });
      await received;
      expect(frames.map((frame) => frame.id)).toEqual(['other', 'one']);
    } finally {
      await new Promise((resolve) => {
        client.once('close', resolve);
        client.terminate();
      });
      await new Promise<void>((resolve) => compressing.close(() => resolve()));
    }
  });

  it("formats a result with errors for each subscriber, and ends every subscriber's stream with the error when the execution throws", async () => {
    const [a, b] = [await connect(), await connect()];
    const fanout = new LiveFanout(new SharedEventExecutions(), 1_000);
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

  it('hands a late subscriber the events it queued before its divert in order, though the first one was written already and the second not yet', async () => {
    const [a, b] = [await connect(), await connect()];
    const fanout = new LiveFanout(new SharedEventExecutions(), 1_000);
    const [early, late] = [subscriber(a, 'early'), subscriber(b, 'late')];
    const [first, second] = [storedEvent(20), storedEvent(21)];
    const secondResult = pending();
    fanout.offer(first, 'key', early.subscription, async () => ({ data: { n: 20 } }));
    fanout.offer(second, 'key', early.subscription, () => secondResult.promise);
    await a.received(1);
    // What a stream diverted now hands over: both events it queued meanwhile, in order.
    fanout.offer(first, 'key', late.subscription, async () => ({ data: { n: -1 } }));
    fanout.offer(second, 'key', late.subscription, async () => ({ data: { n: -1 } }));
    secondResult.resolve({ data: { n: 21 } });
    // Each event's one execution, shared: not run again for the late subscriber.
    expect((await b.received(2)).map((frame) => frame.payload.data?.n)).toEqual([20, 21]);
    expect((await a.received(2)).map((frame) => frame.payload.data?.n)).toEqual([20, 21]);
  });

  it('ends the streams with the error of an execution that fails behind one still running, without an unhandled rejection', async () => {
    const a = await connect();
    const fanout = new LiveFanout(new SharedEventExecutions(), 1_000);
    const { subscription } = subscriber(a, 'one');
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      const running = pending();
      const thrown = new Error('execution failed');
      const waiting = subscription.next();
      fanout.offer(storedEvent(40), 'key', subscription, () => running.promise);
      fanout.offer(storedEvent(41), 'key', subscription, async () => Promise.reject(thrown));
      await new Promise((resolve) => setImmediate(resolve));
      running.resolve({ data: { n: 40 } });
      await expect(waiting).rejects.toBe(thrown);
      expect((await a.received(1)).map((frame) => frame.payload.data?.n)).toEqual([40]);
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('tells a subscriber SLOW_CONSUMER when its key has more events waiting behind a stuck execution than it may hold', async () => {
    const a = await connect();
    const fanout = new LiveFanout(new SharedEventExecutions(), 3);
    const overflows: DomainError[] = [];
    const { subscription, source } = subscriber(a, 'one', overflows);
    subscription.startsAfter(49n);
    const stuck = pending();
    fanout.offer(storedEvent(50), 'key', subscription, () => stuck.promise);
    for (const cursor of [51, 52]) fanout.offer(storedEvent(cursor), 'key', subscription, async () => ({ data: { n: cursor } }));
    expect(overflows).toEqual([]);
    fanout.offer(storedEvent(53), 'key', subscription, async () => ({ data: { n: 53 } }));
    expect(overflows.map((error) => [error.code, error.extensions['resumeAfter']])).toEqual([['SLOW_CONSUMER', '49']]);
    expect(source.returned).toBe(true);
  });

  it('holds results for a subscriber whose client does not read, tells it SLOW_CONSUMER one past its limit, and writes nothing after', async () => {
    const [slow, fast] = [await connect(), await connect()];
    const fanout = new LiveFanout(new SharedEventExecutions(), 1_000);
    const overflows: DomainError[] = [];
    const limit = 20;
    const lagging = subscriber(slow, 'slow', overflows, limit).subscription;
    const keeping = subscriber(fast, 'fast');
    (slow.client as unknown as { _socket: Socket })._socket.pause();
    // 64 KB results: the socket's and the kernel's buffers fill after a few dozen.
    const padding = 'x'.repeat(65_536);
    let cursor = 100;
    while (overflows.length === 0) {
      cursor += 1;
      const n = cursor;
      for (const each of [lagging, keeping.subscription]) fanout.offer(storedEvent(n), 'key', each, async () => ({ data: { n, padding } }));
      await new Promise((resolve) => setImmediate(resolve));
      if (cursor > 2_000) throw new Error('the subscriber that does not read was never told');
    }
    const [error] = overflows;
    expect(error!.code).toBe('SLOW_CONSUMER');
    const resumeAfter = Number(error!.extensions['resumeAfter']);
    // What it got before the error: every event up to resumeAfter, and what it held (the limit) was dropped.
    expect(cursor - resumeAfter).toBe(limit + 1);
    (slow.client as unknown as { _socket: Socket })._socket.resume();
    const received = await slow.received(resumeAfter - 100);
    expect(received.map((frame) => frame.payload.data?.n)).toEqual(Array.from({ length: resumeAfter - 100 }, (_, index) => 101 + index));
    expect((await fast.received(cursor - 100)).map((frame) => frame.payload.data?.n).at(-1)).toBe(cursor);
    // Nothing more after the error, though events keep coming.
    for (const each of [lagging, keeping.subscription]) fanout.offer(storedEvent(cursor + 1), 'key', each, async () => ({ data: { n: cursor + 1 } }));
    await fast.received(cursor - 99);
    await new Promise((resolve) => setImmediate(resolve));
    expect(slow.frames).toHaveLength(resumeAfter - 100);
  });

  it('writes nothing before graphql-ws pulls the subscription, then what arrived meanwhile in order, and nothing at all if it was returned first', async () => {
    const a = await connect();
    const fanout = new LiveFanout(new SharedEventExecutions(), 1_000);
    const settingUp = subscriber(a, 'setting-up', [], 1_000, false);
    const completedEarly = subscriber(a, 'completed-early', [], 1_000, false);
    for (const n of [40, 41]) for (const each of [settingUp, completedEarly]) fanout.offer(storedEvent(n), 'key', each.subscription, async () => ({ data: { n } }));
    // A subscriber graphql-ws already pulls shows when the fan-out has written both events.
    const watching = subscriber(a, 'watching');
    for (const n of [40, 41]) fanout.offer(storedEvent(n), 'key', watching.subscription, async () => ({ data: { n } }));
    await a.received(2);
    expect(a.frames.map((frame) => frame.id)).toEqual(['watching', 'watching']);

    // The client completed one operation during its setup: graphql-ws returns it instead of pulling it.
    await completedEarly.subscription.return();
    const waiting = settingUp.subscription.next();
    const frames = await a.received(4);
    expect(frames.slice(2)).toEqual([
      { id: 'setting-up', type: 'next', payload: { data: { n: 40 } } },
      { id: 'setting-up', type: 'next', payload: { data: { n: 41 } } },
    ]);
    fanout.offer(storedEvent(42), 'key', watching.subscription, async () => ({ data: { n: 42 } }));
    await a.received(5);
    expect(a.frames.filter((frame) => frame.id === 'completed-early')).toEqual([]);
    await settingUp.subscription.return();
    await expect(waiting).resolves.toEqual({ value: undefined, done: true });
  });

  it('counts what a subscription holds during its setup against its limit: one more, and it is told SLOW_CONSUMER and written nothing', async () => {
    const a = await connect();
    const fanout = new LiveFanout(new SharedEventExecutions(), 1_000);
    const overflows: DomainError[] = [];
    const { subscription, source } = subscriber(a, 'held', overflows, 2, false);
    subscription.startsAfter(39n);
    for (const n of [40, 41, 42]) fanout.offer(storedEvent(n), 'key', subscription, async () => ({ data: { n } }));
    const watching = subscriber(a, 'watching');
    fanout.offer(storedEvent(43), 'key', watching.subscription, async () => ({ data: { n: 43 } }));
    await a.received(1);
    expect(overflows.map((error) => [error.code, error.extensions['resumeAfter']])).toEqual([['SLOW_CONSUMER', '39']]);
    expect(source.returned).toBe(true);
    await expect(subscription.next()).resolves.toEqual({ value: undefined, done: true });
    expect(a.frames.map((frame) => frame.id)).toEqual(['watching']);
  });

  it('writes nothing more to a subscription once graphql-ws returned it, and returns its stream', async () => {
    const a = await connect();
    const fanout = new LiveFanout(new SharedEventExecutions(), 1_000);
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
