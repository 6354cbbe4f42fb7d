import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';

type MaybeStream = AsyncIterableIterator<ExecutionResult> | ExecutionResult;

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * graphql-js `subscribe`, except that every event is executed with a context of its own
 * (`contextForEvent`), so per-request loaders never serve one event's values to the next:
 * each event sees the database as it is when that event is delivered.
 */
export async function subscribeWithContextPerEvent(args: ExecutionArgs, contextForEvent: (base: unknown) => unknown): Promise<MaybeStream> {
  const source = await createSourceEventStream(args);
  if (!isAsyncIterable(source)) return source as ExecutionResult;
  const iterator = source[Symbol.asyncIterator]();
  const close = async (): Promise<void> => {
    if (typeof iterator.return === 'function') await iterator.return();
  };
  const map = async (result: IteratorResult<unknown>): Promise<IteratorResult<ExecutionResult>> => {
    if (result.done === true) return { value: undefined, done: true };
    try {
      const value = await execute({ ...args, rootValue: result.value, contextValue: contextForEvent(args.contextValue) });
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
