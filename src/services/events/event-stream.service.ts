import { checkUuid } from '../common/ids';
import type { DomainError } from '../errors/domain-error';
import type { LocalEventBus } from './event-bus';
import { parseEventCursor, type EventQueryService } from './event-query.service';
import type { EventKind, StoredEvent } from './event-types';
import { LiveEventStream } from './live-event-stream';

export interface LiveEventRequest {
  /** Omitted: only events from now on. "0": every retained event, then live. A cursor: every event after it, then live. */
  after?: string | null;
  agentId?: string | null;
  kinds?: readonly EventKind[] | null;
  /** A further in-memory test, applied to replayed and live events alike. */
  where?: (event: StoredEvent) => boolean;
  /**
   * Called once when the subscriber falls `bufferSize` matching events behind, so the
   * transport can tell it and close it at once (its stream then ends with the same error).
   */
  onOverflow?: (error: DomainError) => void;
}

export interface EventStreamOptions {
  /**
   * Most matching events held in memory for one live subscriber that has not taken them
   * yet; one more and it is a slow consumer (SLOW_CONSUMER). The events themselves are
   * shared by all subscribers, so this costs a reference per event. Default 1_000.
   */
  bufferSize?: number;
  /** Rows per PostgreSQL read while replaying. Default 500. */
  replayPageSize?: number;
}

/**
 * The live event streams behind every subscription: durable replay from PostgreSQL joined
 * with this process's bus (fed by the event relay). Knows nothing of GraphQL.
 */
export class EventStreamService {
  private readonly bufferSize: number;
  private readonly replayPageSize: number;

  constructor(
    private readonly store: EventQueryService,
    private readonly bus: LocalEventBus,
    options: EventStreamOptions = {},
  ) {
    this.bufferSize = options.bufferSize ?? 1_000;
    this.replayPageSize = options.replayPageSize ?? 500;
  }

  /** Opens a stream; arguments are checked here (BAD_USER_INPUT), replay problems (CURSOR_EXPIRED) come from its first read. */
  open(request: LiveEventRequest): AsyncIterableIterator<StoredEvent> {
    const after = request.after === undefined || request.after === null ? null : parseEventCursor(request.after);
    const agentId = request.agentId ? checkUuid(request.agentId, 'agentId') : null;
    return new LiveEventStream(this.store, this.bus, {
      after,
      filter: { agentId, kinds: request.kinds && request.kinds.length > 0 ? [...request.kinds] : null, where: request.where ?? null },
      bufferSize: this.bufferSize,
      replayPageSize: this.replayPageSize,
      onOverflow: request.onOverflow ?? null,
    });
  }

  /** Live subscribers in this process right now. */
  get subscriberCount(): number {
    return this.bus.listenerCount;
  }
}
