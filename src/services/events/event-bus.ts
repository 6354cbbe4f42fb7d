import { EventEmitter } from 'node:events';
import type { StoredEvent } from './event-types';

/** Where committed events go: the live subscriptions of this process (and, with Redis, of every process). */
export interface EventPublisher {
  publish(events: readonly StoredEvent[]): void;
}

export type EventListener = (event: StoredEvent) => void;

/** The in-process bus: delivers committed events, in cursor order, to this process's listeners. */
export class LocalEventBus implements EventPublisher {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every live subscription is a listener; the bound is enforced per subscription, not here.
    this.emitter.setMaxListeners(0);
  }

  publish(events: readonly StoredEvent[]): void {
    for (const event of events) this.emitter.emit('event', event);
  }

  subscribe(listener: EventListener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
