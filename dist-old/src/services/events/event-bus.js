"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.LocalEventBus = void 0;
/**
 * The in-process bus: delivers committed events, in cursor order and each once, to this
 * process's listeners. Its only publisher is the event relay, which reads the events table
 * in cursor order; the bus still drops any event at or below the last cursor it delivered,
 * so a listener never sees an event twice or out of order.
 */
class LocalEventBus {
    listeners = new Set();
    position = 0n;
    /**
     * The cursor of the last event delivered (or the starting point). Every committed event
     * after it will reach the listeners; every one at or before it is readable from PostgreSQL.
     */
    get lastCursor() {
        return this.position;
    }
    /** Moves the starting point forward without delivering anything (the relay's start, at the table's head). */
    startAt(cursor) {
        if (cursor > this.position)
            this.position = cursor;
    }
    publish(events) {
        for (const event of events) {
            const cursor = BigInt(event.cursor);
            if (cursor <= this.position)
                continue;
            this.position = cursor;
            for (const listener of [...this.listeners]) {
                try {
                    listener(event);
                }
                catch {
                    // One broken subscriber must not stop delivery to the others; listeners handle their own errors.
                }
            }
        }
    }
    subscribe(listener) {
        this.listeners.add(listener);
        return () => {
            this.listeners.delete(listener);
        };
    }
    /** Live listeners right now (for metrics and leak checks). */
    get listenerCount() {
        return this.listeners.size;
    }
}
exports.LocalEventBus = LocalEventBus;
//# sourceMappingURL=event-bus.js.map