import type { ExecutionResult, FormattedExecutionResult } from 'graphql';
import { WebSocket } from 'ws';
import { slowConsumer, type DomainError, type StoredEvent } from '../services';
import type { SharedEventExecutions } from './subscription-execution';

/** Where a fanned-out subscription's results go. */
export interface FanoutTarget {
  socket: WebSocket;
  /** The graphql-transport-ws operation id. */
  id: string;
  /** A result with errors as this subscriber may see it (formatted, and logged, for its request). */
  formatErrors(result: ExecutionResult): FormattedExecutionResult;
  /** Told once, when the subscriber falls behind; tells the client and closes its socket. */
  onOverflow(error: DomainError): void;
}

type Settle = { resolve(result: IteratorResult<ExecutionResult, undefined>): void; reject(error: unknown): void };

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

/**
 * A live subscription whose results the fan-out writes straight to its socket. To graphql-ws
 * it is a stream that yields nothing and ends when returned (the client completed, or the
 * socket closed) or fails when its event's execution threw.
 */
export class FannedOutSubscription implements AsyncIterableIterator<ExecutionResult> {
  private ended = false;
  private failure: { error: unknown } | null = null;
  private waiting: Settle | null = null;
  /** The last cursor written: a slow subscriber resumes after it. */
  private lastCursor = '0';
  private readonly frameStart: string;

  constructor(
    private readonly source: AsyncIterator<unknown>,
    private readonly target: FanoutTarget,
    /** Events' worth of bytes the socket may hold unsent before the subscriber is too slow. */
    private readonly maxBufferedEvents: number,
  ) {
    this.frameStart = `{"id":${JSON.stringify(target.id)},"type":"next","payload":`;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<ExecutionResult, undefined>> {
    if (this.failure !== null) return Promise.reject(this.failure.error);
    if (this.ended) return Promise.resolve(DONE);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  async return(): Promise<IteratorResult<ExecutionResult, undefined>> {
    this.end();
    this.settle((waiting) => waiting.resolve(DONE));
    return DONE;
  }

  async throw(error?: unknown): Promise<IteratorResult<ExecutionResult, undefined>> {
    await this.return();
    throw error;
  }

  /**
   * Writes one event's result: `plainPayload` is the result's JSON when it has no errors (the
   * same for every subscriber of the batch), undefined when this subscriber's copy is to be
   * formatted for it.
   */
  deliver(cursor: string, result: ExecutionResult, plainPayload: string | undefined): void {
    if (this.ended) return;
    const { socket } = this.target;
    // A closing socket's subscription is returned by graphql-ws as soon as it has closed.
    if (socket.readyState !== WebSocket.OPEN) return;
    const frame = `${this.frameStart}${plainPayload ?? JSON.stringify(this.target.formatErrors(result))}}`;
    // The socket holds what the client has not read once the kernel's buffers are full:
    // that many events behind, the subscriber is slow (as a stream's queue would say).
    if (socket.bufferedAmount > this.maxBufferedEvents * frame.length) {
      this.end();
      this.target.onOverflow(slowConsumer(this.maxBufferedEvents, this.lastCursor));
      return;
    }
    socket.send(frame);
    this.lastCursor = cursor;
  }

  /** Its stream starts after `cursor` (where it resumes if it is too slow before its first event). */
  startsAfter(cursor: bigint): void {
    this.lastCursor = cursor.toString();
  }

  /** The event's execution threw: the stream ends with that error (graphql-ws reports it). */
  fail(error: unknown): void {
    if (this.ended) return;
    this.end();
    this.failure = { error };
    this.settle((waiting) => waiting.reject(error));
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.source.return?.().catch(() => undefined);
  }

  private settle(how: (waiting: Settle) => void): void {
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting !== null) how(waiting);
  }
}

type Batch = { subscribers: FannedOutSubscription[]; written: boolean };

/**
 * Delivery of live events to subscriptions that share an execution key: each event is
 * executed once for the key and serialised once, then written to every subscriber's socket
 * in one loop, with no per-subscriber promise between the event and the write. Events of a
 * key are written in the order the bus delivered them, whatever order their executions end in.
 */
export class LiveFanout {
  private readonly batches = new WeakMap<object, Map<string, Batch>>();
  /** Per key, the write of its latest event: the next event's write waits for it. */
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly executions: SharedEventExecutions) {}

  /** `subscriber` takes `event` (called by its diverted stream, synchronously from the bus). */
  offer(event: StoredEvent, key: string, subscriber: FannedOutSubscription, run: () => Promise<ExecutionResult>): void {
    let byKey = this.batches.get(event);
    if (byKey === undefined) {
      byKey = new Map();
      this.batches.set(event, byKey);
    }
    const existing = byKey.get(key);
    if (existing !== undefined && !existing.written) {
      existing.subscribers.push(subscriber);
      return;
    }
    // First for this event and key, or late: a stream diverted after the event's batch was
    // written hands it over now (it was queued before the divert), and gets it after that batch.
    const batch: Batch = { subscribers: [subscriber], written: false };
    byKey.set(key, batch);
    const result = this.executions.run(event, key, run);
    const previous = this.tails.get(key);
    const ready = previous === undefined ? result : previous.then(() => result);
    const written = ready.then(
      (value) => {
        batch.written = true;
        try {
          this.write(event.cursor, batch.subscribers, value);
        } catch (error: unknown) {
          // A result that cannot be serialised ends its subscribers' streams, as a failed execution does.
          for (const each of batch.subscribers) each.fail(error);
        }
      },
      (error: unknown) => {
        batch.written = true;
        for (const each of batch.subscribers) each.fail(error);
      },
    );
    this.tails.set(key, written);
    void written.then(() => {
      if (this.tails.get(key) === written) this.tails.delete(key);
    });
  }

  private write(cursor: string, subscribers: readonly FannedOutSubscription[], result: ExecutionResult): void {
    const plainPayload = result.errors === undefined || result.errors.length === 0 ? JSON.stringify(result) : undefined;
    for (const subscriber of subscribers) {
      try {
        subscriber.deliver(cursor, result, plainPayload);
      } catch (error: unknown) {
        // One subscriber's failed write (a socket torn down under us) must not cost the others theirs.
        subscriber.fail(error);
      }
    }
  }
}
