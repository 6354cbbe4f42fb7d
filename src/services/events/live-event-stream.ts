import { DomainError } from '../errors/domain-error';
import type { LocalEventBus } from './event-bus';
import { cursorExpired, type EventQueryService } from './event-query.service';
import type { EventKind, StoredEvent } from './event-types';

export interface LiveStreamFilter {
  agentId: string | null;
  kinds: readonly EventKind[] | null;
  /** A further in-memory test (the typed subscriptions' own filters). */
  where: ((event: StoredEvent) => boolean) | null;
}

export interface LiveStreamSettings {
  /** null: only events from now on; 0n: every retained event first; a cursor: every event after it first. */
  after: bigint | null;
  filter: LiveStreamFilter;
  /** Most matching events held for a subscriber that has not taken them yet. */
  bufferSize: number;
  /** Rows per replay read. */
  replayPageSize: number;
  /** Told once, as soon as the subscriber is bufferSize events behind; the stream then ends with that error. */
  onOverflow: ((error: DomainError) => void) | null;
}

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

/** The error of a subscriber `bufferSize` events behind, to resume after `position` (the last cursor it was given). */
export function slowConsumer(bufferSize: number, position: bigint | string): DomainError {
  return new DomainError('SLOW_CONSUMER', `the subscriber fell more than ${bufferSize} events behind; resume with events(after: "${position}")`, {
    extensions: { resumeAfter: position.toString() },
  });
}

/** Takes each matching live event of a diverted stream, in cursor order, as the bus delivers it. */
export type LiveEventSink = (event: StoredEvent) => void;

/**
 * One subscriber's stream: stored events after its cursor, then live ones, joined with no gap
 * and no duplicate. It listens to the bus FIRST and takes the bus's position P: every event
 * after P will arrive live, every event up to P is readable from PostgreSQL. It replays from
 * PostgreSQL up to P while buffering live events, then hands out the buffer, skipping any
 * cursor at or below the last one handed out.
 *
 * Memory is bounded: while replaying, a buffer that grows past bufferSize is dropped and P
 * moves to its last event (those events are read from PostgreSQL instead); once live, a
 * subscriber bufferSize events behind is too slow and the stream fails with SLOW_CONSUMER.
 * return() ends it at once, even while it waits.
 */
export class LiveEventStream implements AsyncIterableIterator<StoredEvent> {
  private queue: StoredEvent[] = [];
  private replayed: StoredEvent[] = [];
  /** Highest cursor taken from PostgreSQL or handed out live: nothing at or below it is handed out again. */
  private position: bigint;
  /** Replay reads up to here; the queue holds every matching live event after it. */
  private joinAt: bigint;
  private replaying: boolean;
  private firstRead = true;
  /** next() was called: the stream is read, not diverted. */
  private pulled = false;
  private failure: DomainError | null = null;
  private finished = false;
  private wakeUp: (() => void) | null = null;
  private sink: LiveEventSink | null = null;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: EventQueryService,
    bus: LocalEventBus,
    private readonly settings: LiveStreamSettings,
  ) {
    this.unsubscribe = bus.subscribe((event) => this.onLive(event));
    this.joinAt = bus.lastCursor;
    this.replaying = settings.after !== null;
    this.position = settings.after ?? this.joinAt;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<StoredEvent, undefined>> {
    this.pulled = true;
    for (;;) {
      if (this.failure !== null) {
        const failure = this.failure;
        this.finish();
        throw failure;
      }
      if (this.finished) return DONE;
      const replayed = this.replayed.shift();
      if (replayed !== undefined) return { value: replayed, done: false };
      if (this.replaying) {
        try {
          await this.readReplayPage();
        } catch (error: unknown) {
          this.finish();
          throw error;
        }
        continue;
      }
      const live = this.queue.shift();
      if (live !== undefined) {
        const cursor = BigInt(live.cursor);
        if (cursor <= this.position) continue;
        this.position = cursor;
        return { value: live, done: false };
      }
      await new Promise<void>((resolve) => {
        this.wakeUp = resolve;
      });
    }
  }

  /**
   * Hands every matching live event to `sink` as the bus delivers it, instead of queueing it
   * for next() (whoever diverts a stream keeps its own account of a slow reader). Only a
   * live-only stream that nobody has read can be diverted. Returns the cursor after which the
   * sink gets every event (the stream's starting point), or null (nothing changed).
   */
  divert(sink: LiveEventSink): bigint | null {
    if (this.replaying || this.pulled || this.finished || this.failure !== null || this.sink !== null) return null;
    const startedAfter = this.position;
    this.sink = sink;
    // Events the bus delivered between this stream's opening and now go first, in order.
    const queued = this.queue;
    this.queue = [];
    for (const event of queued) this.handOut(event);
    return startedAfter;
  }

  async return(): Promise<IteratorResult<StoredEvent, undefined>> {
    this.finish();
    return DONE;
  }

  async throw(error?: unknown): Promise<IteratorResult<StoredEvent, undefined>> {
    this.finish();
    throw error;
  }

  private matches(event: StoredEvent): boolean {
    const { agentId, kinds, where } = this.settings.filter;
    if (agentId !== null && event.agentId !== agentId) return false;
    if (kinds !== null && kinds.length > 0 && !kinds.includes(event.kind)) return false;
    return where === null || where(event);
  }

  private onLive(event: StoredEvent): void {
    if (this.finished || this.failure !== null || !this.matches(event)) return;
    if (this.sink !== null) {
      this.handOut(event);
      return;
    }
    this.queue.push(event);
    if (this.queue.length > this.settings.bufferSize) {
      if (this.replaying) {
        // Still catching up from PostgreSQL: read these from there too instead of holding them.
        this.queue = [];
        this.joinAt = BigInt(event.cursor);
      } else {
        this.fail(slowConsumer(this.settings.bufferSize, this.position));
        return;
      }
    }
    this.signal();
  }

  private handOut(event: StoredEvent): void {
    const cursor = BigInt(event.cursor);
    if (cursor <= this.position) return;
    this.position = cursor;
    this.sink?.(event);
  }

  private async readReplayPage(): Promise<void> {
    const from = this.position;
    const through = this.joinAt;
    if (this.firstRead) {
      this.firstRead = false;
      const horizon = await this.store.horizon();
      // "0" means every retained event: start at the horizon. A cursor before it lost events.
      if (from === 0n) this.position = horizon;
      else if (from < horizon) throw cursorExpired(from);
      return;
    }
    const { agentId, kinds, where } = this.settings.filter;
    const rows = await this.store.readRange(from, through, { agentId, kinds }, this.settings.replayPageSize);
    // Retention that deleted past our position while we read may have taken rows we needed.
    if ((await this.store.horizon()) > from) throw cursorExpired(from);
    if (this.finished) return;
    if (rows.length > 0) this.position = BigInt(rows[rows.length - 1]!.cursor);
    this.replayed = where === null ? rows : rows.filter(where);
    if (rows.length < this.settings.replayPageSize && this.joinAt === through) {
      // Everything up to the join point is read; the live queue holds everything after it.
      this.replaying = false;
      if (this.position < through) this.position = through;
    }
  }

  private fail(error: DomainError): void {
    this.failure = error;
    this.release();
    this.settings.onOverflow?.(error);
    this.signal();
  }

  private finish(): void {
    this.finished = true;
    this.release();
    this.signal();
  }

  private release(): void {
    this.unsubscribe();
    this.queue = [];
    this.replayed = [];
  }

  private signal(): void {
    const wakeUp = this.wakeUp;
    this.wakeUp = null;
    wakeUp?.();
  }
}
