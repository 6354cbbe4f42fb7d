import type { ExecutionResult, FormattedExecutionResult } from 'graphql';
import type { Socket } from 'node:net';
import { WebSocket } from 'ws';
import { slowConsumer, type DomainError } from '../services';
import { CLOSING_BRACE, textFrame, textFrameStart } from './websocket-text-frame';

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

/**
 * Past this many bytes a result is not copied into each subscriber's frame: the frame's start,
 * the shared bytes and the closing brace go as one gathered write instead (a 100 KB result to
 * 1,000 subscribers would be 100 MB of copies). Below it, one buffer makes one plain write.
 */
const SHARED_WRITE_MIN_BYTES = 16_384;

/** A result without errors, serialised once for every subscriber of its batch; its bytes are made when a frame first needs them. */
export class SerialisedResult {
  private encoded: Buffer | undefined;

  constructor(readonly text: string) {}

  get bytes(): Buffer {
    this.encoded ??= Buffer.from(this.text);
    return this.encoded;
  }
}

type Delivery = { cursor: string; result: ExecutionResult; plainPayload: SerialisedResult | undefined };

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
  /** Where frames are written straight, with `frameStart` as UTF-8 (none: through ws). */
  private readonly direct: { transport: Socket; head: Buffer } | undefined;

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
    this.direct = target.transport !== undefined && target.socket.extensions === '' ? { transport: target.transport, head: Buffer.from(this.frameStart) } : undefined;
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
  deliver(cursor: string, result: ExecutionResult, plainPayload: SerialisedResult | undefined): void {
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
    if (plainPayload !== undefined && this.direct !== undefined) this.writeDirect(this.direct, plainPayload.bytes);
    else socket.send(`${this.frameStart}${plainPayload?.text ?? JSON.stringify(this.target.formatErrors(delivery.result))}}`, this.written);
  }

  private writeDirect({ transport, head }: { transport: Socket; head: Buffer }, bytes: Buffer): void {
    if (bytes.length < SHARED_WRITE_MIN_BYTES) {
      // One write of one buffer: ws.send would encode the message again and write its header
      // and body as two (a fan-out loop is mostly these writes).
      transport.write(textFrame(head, bytes), this.written);
      return;
    }
    transport.cork();
    transport.write(textFrameStart(head, bytes.length));
    transport.write(bytes);
    transport.write(CLOSING_BRACE, this.written);
    transport.uncork();
  }

  /** The frame in flight is with the kernel (or the socket failed, and is closing): the next one goes. */
  private readonly written = (error?: Error | null): void => {
    this.writing = false;
    // Called by the socket's write with nothing on success (ws hands it the same callback).
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
