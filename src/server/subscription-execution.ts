import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { LiveEventSink } from '../services';
import type { FanoutTarget } from './fanned-out-subscription';
import type { LiveFanout } from './live-fanout';

type MaybeStream = AsyncIterableIterator<ExecutionResult> | ExecutionResult;

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** A source stream that can hand its live events to a sink (the services' LiveEventStream). */
type DivertibleStream = AsyncIterator<unknown> & { divert(sink: LiveEventSink): bigint | null };

function isDivertible(value: AsyncIterator<unknown>): value is DivertibleStream {
  return typeof (value as Partial<DivertibleStream>).divert === 'function';
}

/** A subscription's way to the fan-out: the fan-out and its socket. */
export interface FanoutRoute {
  fanout: LiveFanout;
  target: FanoutTarget;
}

/**
 * Results of live events executed for one operation key, shared by every subscription with
 * that key: a thousand dashboards watching the same stream cost one execution per event, not
 * a thousand. Keyed by the event object the bus handed to all of them (replayed events are
 * read per subscriber, so they are never shared), and forgotten with it.
 */
export class SharedEventExecutions {
  private readonly byEvent = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();

  run(event: unknown, key: string | undefined, run: () => Promise<ExecutionResult>): Promise<ExecutionResult> {
    if (key === undefined || typeof event !== 'object' || event === null) return run();
    let results = this.byEvent.get(event);
    if (results === undefined) {
      results = new Map();
      this.byEvent.set(event, results);
    }
    let result = results.get(key);
    if (result === undefined) {
      result = run();
      results.set(key, result);
    }
    return result;
  }
}

/**
 * graphql-js `subscribe`, except that every event is executed with a context of its own
 * (`contextForEvent`), so per-request loaders never serve one event's values to the next:
 * each event sees the database as it is when that event is delivered. Subscriptions with the
 * same `shared.key` execute each live event once between them; with a `shared.route`, a
 * live-only one is written by the fan-out rather than pulled through graphql-ws (a stream that
 * replays stored events first is always pulled).
 */
export async function subscribeWithContextPerEvent(
  args: ExecutionArgs,
  contextForEvent: (base: unknown) => unknown,
  shared: { executions: SharedEventExecutions; key: string | undefined; route?: FanoutRoute | undefined },
): Promise<MaybeStream> {
  const source = await createSourceEventStream(args);
  if (!isAsyncIterable(source)) return source as ExecutionResult;
  const iterator = source[Symbol.asyncIterator]();
  const executeEvent = async (event: unknown): Promise<ExecutionResult> => execute({ ...args, rootValue: event, contextValue: contextForEvent(args.contextValue) });
  const { key, route } = shared;
  if (key !== undefined && route !== undefined && isDivertible(iterator)) {
    // Live-only: written by the fan-out, one execution and one serialisation per event for the key.
    const subscription = route.fanout.subscription(iterator, route.target);
    const startedAfter = iterator.divert((event) => route.fanout.offer(event, key, subscription, () => executeEvent(event)));
    if (startedAfter !== null) {
      subscription.startsAfter(startedAfter);
      return subscription;
    }
  }
  const close = async (): Promise<void> => {
    if (typeof iterator.return === 'function') await iterator.return();
  };
  const map = async (result: IteratorResult<unknown>): Promise<IteratorResult<ExecutionResult>> => {
    if (result.done === true) return { value: undefined, done: true };
    try {
      const value = await shared.executions.run(result.value, shared.key, () => executeEvent(result.value));
      return { value, done: false };
    } catch (error: unknown) {
      await close().catch(() => undefined);
      throw error;
    }
  };
  const stream: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      return map(await iterator.next());
    },
    async return() {
      await close();
      return { value: undefined, done: true };
    },
    async throw(error?: unknown) {
      await close();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return stream;
}
