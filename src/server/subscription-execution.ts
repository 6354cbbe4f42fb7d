import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';

type MaybeStream = AsyncIterableIterator<ExecutionResult> | ExecutionResult;

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
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
 * same `shared.key` execute each live event once between them.
 */
export async function subscribeWithContextPerEvent(
  args: ExecutionArgs,
  contextForEvent: (base: unknown) => unknown,
  shared: { executions: SharedEventExecutions; key: string | undefined },
): Promise<MaybeStream> {
  const source = await createSourceEventStream(args);
  if (!isAsyncIterable(source)) return source as ExecutionResult;
  const iterator = source[Symbol.asyncIterator]();
  const close = async (): Promise<void> => {
    if (typeof iterator.return === 'function') await iterator.return();
  };
  const map = async (result: IteratorResult<unknown>): Promise<IteratorResult<ExecutionResult>> => {
    if (result.done === true) return { value: undefined, done: true };
    try {
      const executeEvent = async (): Promise<ExecutionResult> => execute({ ...args, rootValue: result.value, contextValue: contextForEvent(args.contextValue) });
      const value = await shared.executions.run(result.value, shared.key, executeEvent);
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
