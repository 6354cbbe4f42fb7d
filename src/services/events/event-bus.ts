import type { StoredEvent } from './event-types';

/** Where committed events go: the live subscriptions of this process. */
export interface EventPublisher {
  publish(events: readonly StoredEvent[]): void;
}

export type EventListener = (event: StoredEvent) => void;

/**
 * The in-process bus: delivers committed events, in cursor order and each once, to this
 * process's listeners. Its only publisher is the event relay, which reads the events table
 * in cursor order; the bus still drops any event at or below the last cursor it delivered,
 * so a listener never sees an event twice or out of order.
 */
export class LocalEventBus implements EventPublisher {
  private readonly listeners = new Set<EventListener>();
  private position = 0n;

  /**
   * The cursor of the last event delivered (or the starting point). Every committed event
   * after it will reach the listeners; every one at or before it is readable from PostgreSQL.
   */
  get lastCursor(): bigint {
    return this.position;
  }

  /** Moves the starting point forward without delivering anything (the relay's start, at the table's head). */
  startAt(cursor: bigint): void {
    if (cursor > this.position) this.position = cursor;
  }

  publish(events: readonly StoredEvent[]): void {
    for (const event of events) {
      const cursor = BigInt(event.cursor);
      if (cursor <= this.position) continue;
      this.position = cursor;
      for (const listener of [...this.listeners]) {
        try {
          listener(event);
        } catch {
          // One broken subscriber must not stop delivery to the others; listeners handle their own errors.
        }
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Live listeners right now (for metrics and leak checks). */
  get listenerCount(): number {
    return this.listeners.size;
  }
}
