import { randomUUID } from 'node:crypto';
import type { Client } from 'graphql-ws';
import type { Services } from '../../src/services';
import type { Actor } from '../../src/services/common/actor';
import type { NewEvent, NewLogLine } from '../../src/services/events/event-types';

export interface GraphQLErrorShape {
  message: string;
  extensions?: Record<string, any>;
}

/** What one subscription received so far, with promises that resolve as soon as enough has arrived. */
export interface Subscription<T> {
  values: T[];
  /** Errors in `next` payloads. */
  nextErrors: GraphQLErrorShape[];
  /** The `error` message that ended the stream, or a socket close event. */
  failure: unknown;
  completed: boolean;
  /** Resolves with the values once there are at least `count`; rejects if the stream ends first or after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<T[]>;
  /** Resolves once the stream ended (error, close or complete). */
  ended(timeoutMs?: number): Promise<void>;
  unsubscribe(): void;
}

/** Subscribes over graphql-ws and records every payload's `data[field]`. */
export function subscribe<T = Record<string, any>>(client: Client, query: string, variables: Record<string, unknown> = {}): Subscription<T> {
  const waiters = new Set<() => void>();
  const notify = (): void => {
    for (const waiter of [...waiters]) waiter();
  };
  const state: Subscription<T> = {
    values: [],
    nextErrors: [],
    failure: undefined,
    completed: false,
    waitFor(count, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${count} values; got ${state.values.length}: ${JSON.stringify(state.values.slice(-3))} ${JSON.stringify(state.nextErrors)} ${String(state.failure)}`));
        }, timeoutMs);
        const check = (): void => {
          if (state.values.length >= count) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve(state.values);
          } else if (state.completed || state.failure !== undefined) {
            clearTimeout(timer);
            waiters.delete(check);
            reject(new Error(`the stream ended after ${state.values.length} of ${count} values: ${JSON.stringify(state.failure)} ${JSON.stringify(state.nextErrors)}`));
          }
        };
        waiters.add(check);
        check();
      });
    },
    ended(timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error('timed out waiting for the stream to end'));
        }, timeoutMs);
        const check = (): void => {
          if (!state.completed && state.failure === undefined) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      });
    },
    unsubscribe: () => undefined,
  };
  const field = /\{\s*(\w+)/.exec(query.replace(/^\s*subscription[^{]*/, ''))?.[1] ?? '';
  state.unsubscribe = client.subscribe<Record<string, T>>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) state.nextErrors.push(...(result.errors as GraphQLErrorShape[]));
        if (result.data && result.data[field] !== undefined && result.data[field] !== null) state.values.push(result.data[field] as T);
        notify();
      },
      error: (error: unknown) => {
        state.failure = error ?? 'error';
        notify();
      },
      complete: () => {
        state.completed = true;
        notify();
      },
    },
  );
  return state;
}

/** Resolves once the process's bus has at least `count` listeners (a live subscription is registered); polls, nothing to await. */
export async function waitForListeners(services: Services, count: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (services.bus.listenerCount < count) {
    if (Date.now() > deadline) throw new Error(`only ${services.bus.listenerCount} of ${count} bus listeners after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Waits until this process's relay has delivered every committed event, so a live-only
 * subscription made next starts after them (its "now" is the relay's position).
 */
export async function relayCaughtUp(services: Services, timeoutMs = 10_000): Promise<void> {
  const rows: { head: string }[] = await services.dataSource.query('SELECT coalesce(max(cursor), 0)::text AS head FROM events');
  const head = BigInt(rows[0]!.head);
  await eventually(() => services.bus.lastCursor >= head, timeoutMs, `the relay to reach cursor ${head}`);
}

/** Polls `check` until it is true (for what cannot be awaited, e.g. another process's state). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const TEST_ACTOR: Actor = { name: 'test', correlationId: 'test' };

/**
 * The test actor with a correlation id of its own. `runRecorded` finds events another process's
 * sequencer numbered by their transaction's start time, actor and correlation id, and two
 * transactions on two connections can start in the same microsecond (2 in 900 here): changes
 * written side by side under one correlation id could not be told apart.
 */
const ownActor = (): Actor => ({ ...TEST_ACTOR, correlationId: `test-${randomUUID()}` });

/** Writes one event (and its audit line) through a change transaction, as the engine does. */
export async function recordEvent(services: Pick<Services, 'changes'>, event: NewEvent, audit: NewLogLine | null = null): Promise<string> {
  const { cursors } = await services.changes.runRecorded(ownActor(), (tx) => tx.record(event, audit));
  if (cursors[0] === undefined) throw new Error('the event has no cursor');
  return cursors[0];
}

/** `count` LOG events, `perTransaction` to a transaction; resolves with their cursors in order. */
export async function produceLogEvents(changes: Pick<Services, 'changes'>['changes'], count: number, perTransaction = 1, tag = 'bulk', padding = 0): Promise<string[]> {
  const cursors: string[] = [];
  const pad = 'x'.repeat(padding);
  for (let start = 0; start < count; start += perTransaction) {
    const batch = await changes.runRecorded(ownActor(), async (tx) => {
      for (let n = start; n < Math.min(count, start + perTransaction); n += 1) {
        await tx.record({ kind: 'LOG', data: { tag, n, ...(padding > 0 ? { pad } : {}) } }, null);
      }
    });
    if (batch.cursors.some((cursor) => cursor === undefined)) throw new Error('an event has no cursor');
    cursors.push(...(batch.cursors as string[]));
  }
  return cursors;
}
