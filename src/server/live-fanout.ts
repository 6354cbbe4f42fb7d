import type { ExecutionResult, FormattedExecutionResult } from 'graphql';
import type { Socket } from 'node:net';
import { WebSocket } from 'ws';
import { slowConsumer, type DomainError, type StoredEvent } from '../services';
import type { SharedEventExecutions } from './subscription-execution';
import { textFrame } from './websocket-text-frame';

/** Where a fanned-out subscription's results go. */
export interface FanoutTarget {
  socket: WebSocket;
  /**
   * The TCP (or TLS) socket under `socket` (the upgrade request's), if known: results without
   * errors are written to it as ready-made frames, one write a subscriber, when no extension
   * (permessage-deflate) transforms `socket`'s frames.
   */
  transport?: Socket;
  /** The graphql-transport-ws operation id. */
  id: string;
  /** A result with errors as this subscriber may see it (formatted, and logged, for its request). */
  formatErrors(result: ExecutionResult): FormattedExecutionResult;
  /** Told once, when the subscriber falls behind; tells the client and closes its socket. */
  onOverflow(error: DomainError): void;
}

type Settle = { resolve(result: IteratorResult<ExecutionResult, undefined>): void; reject(error: unknown): void };

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

/** A result without errors, serialised once for every subscriber of its batch. */
export type PlainPayload = { text: string; bytes: Buffer };

type Delivery = { cursor: string; result: ExecutionResult; plainPayload: PlainPayload | undefined };

/**
 * A live subscription whose results the fan-out writes straight to its socket. To graphql-ws
 * it is a stream that yields nothing and ends when returned (the client completed, or the
 * socket closed) or fails when its event's execution threw.
 *
 * Nothing is written before graphql-ws first pulls it: graphql-ws starts pulling once it has
 * registered the operation, and returns it instead if the client completed the operation while
 * it was being set up. Results that arrive before then wait, as behind a frame in flight.
 */
export class FannedOutSubscription implements AsyncIterableIterator<ExecutionResult> {
  private ended = false;
  /** graphql-ws has pulled it: the operation is registered, and results may be written. */
  private pulled = false;
  private failure: { error: unknown } | null = null;
  /** A frame was handed to the socket and is not yet with the kernel. */
  private writing = false;
  /** Results waiting for the frame in flight (references: the results are shared). */
  private backlog: Delivery[] = [];
  /** The latest batch it joined (LiveFanout's sequence): it never joins an earlier one. */
  joinedBatch = 0;
  private waiting: Settle | null = null;
  /** The last cursor written: a slow subscriber resumes after it. */
  private lastCursor = '0';
  private readonly frameStart: string;
  /** `frameStart` as UTF-8, for frames written straight to `transport`. */
  private readonly frameStartBytes: Buffer | undefined;
  /** Where frames are written straight (none: through ws). */
  private readonly transport: Socket | undefined;

  constructor(
    private readonly source: AsyncIterator<unknown>,
    private readonly target: FanoutTarget,
    /** Results that may wait for the frame in flight; one more and the subscriber is too slow. */
    private readonly maxBufferedEvents: number,
  ) {
    this.frameStart = `{"id":${JSON.stringify(target.id)},"type":"next","payload":`;
    // ws writes an unextended frame to the socket at once, in the order of its sends, so a
    // frame written here keeps its place among graphql-ws's own messages. An extension would
    // transform (and might hold back) ws's frames: then everything goes through ws.
    this.transport = target.transport !== undefined && target.socket.extensions === '' ? target.transport : undefined;
    this.frameStartBytes = this.transport === undefined ? undefined : Buffer.from(this.frameStart);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<ExecutionResult, undefined>> {
    if (this.failure !== null) return Promise.reject(this.failure.error);
    if (this.ended) return Promise.resolve(DONE);
    if (!this.pulled) {
      // Nothing was written before: what arrived meanwhile goes now, one frame at a time.
      this.pulled = true;
      this.writeNextHeld();
    }
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
   * Takes one event's result: `plainPayload` is the result's JSON when it has no errors (one
   * string and its bytes for every subscriber of the batch), undefined when this subscriber's
   * copy is to be formatted for it. As graphql-ws does, one frame at a time is handed to the
   * socket: while the previous one is not yet with the kernel (a client that does not read
   * fills its buffers), or before graphql-ws first pulls the subscription, results wait here
   * as references, up to `maxBufferedEvents`; one more and the subscriber is slow.
   */
  deliver(cursor: string, result: ExecutionResult, plainPayload: PlainPayload | undefined): void {
    if (this.ended) return;
    if (this.pulled && !this.writing) {
      this.write({ cursor, result, plainPayload });
      return;
    }
    if (this.backlog.length >= this.maxBufferedEvents) {
      this.overflow();
      return;
    }
    this.backlog.push({ cursor, result, plainPayload });
  }

  /** Too far behind: tells the client (SLOW_CONSUMER, resume after the last cursor written) and takes nothing more. */
  overflow(): void {
    if (this.ended) return;
    this.end();
    this.target.onOverflow(slowConsumer(this.maxBufferedEvents, this.lastCursor));
  }

  private write(delivery: Delivery): void {
    const { socket } = this.target;
    // A closing socket's subscription is returned by graphql-ws as soon as it has closed.
    if (socket.readyState !== WebSocket.OPEN) return;
    this.writing = true;
    this.lastCursor = delivery.cursor;
    const { plainPayload } = delivery;
    if (plainPayload !== undefined && this.transport !== undefined && this.frameStartBytes !== undefined) {
      // One write of one buffer: ws.send would encode the message again and write its header
      // and body as two (a fan-out loop is mostly these writes).
      this.transport.write(textFrame(this.frameStartBytes, plainPayload.bytes), this.written);
      return;
    }
    socket.send(`${this.frameStart}${plainPayload?.text ?? JSON.stringify(this.target.formatErrors(delivery.result))}}`, this.written);
  }

  /** The frame in flight is with the kernel (or the socket failed, and is closing): the next one goes. */
  private readonly written = (error?: Error | null): void => {
    this.writing = false;
    // ws calls back with null on success, the socket with undefined.
    if ((error !== undefined && error !== null) || this.ended) {
      this.backlog = [];
      return;
    }
    this.writeNextHeld();
  };

  private writeNextHeld(): void {
    const next = this.backlog.shift();
    if (next !== undefined) this.write(next);
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
    this.backlog = [];
    this.source.return?.().catch(() => undefined);
  }

  private settle(how: (waiting: Settle) => void): void {
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting !== null) how(waiting);
  }
}

type Batch = { sequence: number; subscribers: FannedOutSubscription[]; written: boolean };

type Settled = { ok: true; value: ExecutionResult } | { ok: false; error: unknown };

/**
 * Delivery of live events to subscriptions that share an execution key: each event is
 * executed once for the key and serialised once, then handed to every subscriber in one loop,
 * with no per-subscriber promise between the event and the write. A key's events are executed
 * one after the other, as its subscribers would have pulled them (a burst does not start a
 * thousand executions at once), and written in the order the bus delivered them.
 */
export class LiveFanout {
  private readonly batches = new WeakMap<object, Map<string, Batch>>();
  /** Per key, the write of its latest event: the next event's execution waits for it. */
  private readonly tails = new Map<string, Promise<void>>();
  /** Per key, batches not yet written. */
  private readonly pending = new Map<string, number>();
  private batchesMade = 0;

  constructor(
    private readonly executions: SharedEventExecutions,
    /**
     * Events a subscriber may be behind (SUBSCRIPTION_BUFFER_EVENTS): results waiting for its
     * frame in flight, and batches its key has waiting behind a slow or stuck execution.
     */
    private readonly maxBufferedEvents: number,
  ) {}

  /** A subscription of `source`'s events whose results go to `target`. */
  subscription(source: AsyncIterator<unknown>, target: FanoutTarget): FannedOutSubscription {
    return new FannedOutSubscription(source, target, this.maxBufferedEvents);
  }

  /** `subscriber` takes `event` (called by its diverted stream, synchronously from the bus, in cursor order). */
  offer(event: StoredEvent, key: string, subscriber: FannedOutSubscription, run: () => Promise<ExecutionResult>): void {
    let byKey = this.batches.get(event);
    if (byKey === undefined) {
      byKey = new Map();
      this.batches.set(event, byKey);
    }
    const existing = byKey.get(key);
    // Joining a batch not yet written keeps the subscriber's order only if that batch comes
    // after the last one it joined. A stream diverted late hands over events it queued before
    // the divert: those get batches of their own, at the end of the key's chain.
    if (existing !== undefined && !existing.written && existing.sequence > subscriber.joinedBatch) {
      existing.subscribers.push(subscriber);
      subscriber.joinedBatch = existing.sequence;
      return;
    }
    const pendingNow = this.pending.get(key) ?? 0;
    if (pendingNow >= this.maxBufferedEvents) {
      subscriber.overflow();
      return;
    }
    this.pending.set(key, pendingNow + 1);
    this.batchesMade += 1;
    const batch: Batch = { sequence: this.batchesMade, subscribers: [subscriber], written: false };
    subscriber.joinedBatch = batch.sequence;
    byKey.set(key, batch);
    const execute = (): Promise<Settled> =>
      this.executions.run(event, key, run).then(
        (value): Settled => ({ ok: true, value }),
        (error: unknown): Settled => ({ ok: false, error }),
      );
    const previous = this.tails.get(key);
    const settled = previous === undefined ? execute() : previous.then(execute);
    const written = settled.then((outcome) => {
      batch.written = true;
      const left = (this.pending.get(key) ?? 1) - 1;
      if (left > 0) this.pending.set(key, left);
      else this.pending.delete(key);
      if (!outcome.ok) {
        for (const each of batch.subscribers) each.fail(outcome.error);
        return;
      }
      try {
        this.write(event.cursor, batch.subscribers, outcome.value);
      } catch (error: unknown) {
        // A result that cannot be serialised ends its subscribers' streams, as a failed execution does.
        for (const each of batch.subscribers) each.fail(error);
      }
    });
    this.tails.set(key, written);
    void written.then(() => {
      if (this.tails.get(key) === written) this.tails.delete(key);
    });
  }

  private write(cursor: string, subscribers: readonly FannedOutSubscription[], result: ExecutionResult): void {
    let plainPayload: PlainPayload | undefined;
    if (result.errors === undefined || result.errors.length === 0) {
      const text = JSON.stringify(result);
      plainPayload = { text, bytes: Buffer.from(text) };
    }
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
