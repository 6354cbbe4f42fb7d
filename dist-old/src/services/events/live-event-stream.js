"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.LiveEventStream = void 0;
const domain_error_1 = require("../errors/domain-error");
const event_query_service_1 = require("./event-query.service");
const DONE = { value: undefined, done: true };
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
class LiveEventStream {
    store;
    settings;
    queue = [];
    replayed = [];
    /** Highest cursor taken from PostgreSQL or handed out live: nothing at or below it is handed out again. */
    position;
    /** Replay reads up to here; the queue holds every matching live event after it. */
    joinAt;
    replaying;
    firstRead = true;
    failure = null;
    finished = false;
    wakeUp = null;
    unsubscribe;
    constructor(store, bus, settings) {
        this.store = store;
        this.settings = settings;
        this.unsubscribe = bus.subscribe((event) => this.onLive(event));
        this.joinAt = bus.lastCursor;
        this.replaying = settings.after !== null;
        this.position = settings.after ?? this.joinAt;
    }
    [Symbol.asyncIterator]() {
        return this;
    }
    async next() {
        for (;;) {
            if (this.failure !== null) {
                const failure = this.failure;
                this.finish();
                throw failure;
            }
            if (this.finished)
                return DONE;
            const replayed = this.replayed.shift();
            if (replayed !== undefined)
                return { value: replayed, done: false };
            if (this.replaying) {
                try {
                    await this.readReplayPage();
                }
                catch (error) {
                    this.finish();
                    throw error;
                }
                continue;
            }
            const live = this.queue.shift();
            if (live !== undefined) {
                const cursor = BigInt(live.cursor);
                if (cursor <= this.position)
                    continue;
                this.position = cursor;
                return { value: live, done: false };
            }
            await new Promise((resolve) => {
                this.wakeUp = resolve;
            });
        }
    }
    async return() {
        this.finish();
        return DONE;
    }
    async throw(error) {
        this.finish();
        throw error;
    }
    matches(event) {
        const { agentId, kinds, where } = this.settings.filter;
        if (agentId !== null && event.agentId !== agentId)
            return false;
        if (kinds !== null && kinds.length > 0 && !kinds.includes(event.kind))
            return false;
        return where === null || where(event);
    }
    onLive(event) {
        if (this.finished || this.failure !== null || !this.matches(event))
            return;
        this.queue.push(event);
        if (this.queue.length > this.settings.bufferSize) {
            if (this.replaying) {
                // Still catching up from PostgreSQL: read these from there too instead of holding them.
                this.queue = [];
                this.joinAt = BigInt(event.cursor);
            }
            else {
                this.fail(new domain_error_1.DomainError('SLOW_CONSUMER', `the subscriber fell more than ${this.settings.bufferSize} events behind; resume with events(after: "${this.position}")`, { extensions: { resumeAfter: this.position.toString() } }));
                return;
            }
        }
        this.signal();
    }
    async readReplayPage() {
        const from = this.position;
        const through = this.joinAt;
        if (this.firstRead) {
            this.firstRead = false;
            const horizon = await this.store.horizon();
            // "0" means every retained event: start at the horizon. A cursor before it lost events.
            if (from === 0n)
                this.position = horizon;
            else if (from < horizon)
                throw (0, event_query_service_1.cursorExpired)(from);
            return;
        }
        const { agentId, kinds, where } = this.settings.filter;
        const rows = await this.store.readRange(from, through, { agentId, kinds }, this.settings.replayPageSize);
        // Retention that deleted past our position while we read may have taken rows we needed.
        if ((await this.store.horizon()) > from)
            throw (0, event_query_service_1.cursorExpired)(from);
        if (this.finished)
            return;
        if (rows.length > 0)
            this.position = BigInt(rows[rows.length - 1].cursor);
        this.replayed = where === null ? rows : rows.filter(where);
        if (rows.length < this.settings.replayPageSize && this.joinAt === through) {
            // Everything up to the join point is read; the live queue holds everything after it.
            this.replaying = false;
            if (this.position < through)
                this.position = through;
        }
    }
    fail(error) {
        this.failure = error;
        this.release();
        this.settings.onOverflow?.(error);
        this.signal();
    }
    finish() {
        this.finished = true;
        this.release();
        this.signal();
    }
    release() {
        this.unsubscribe();
        this.queue = [];
        this.replayed = [];
    }
    signal() {
        const wakeUp = this.wakeUp;
        this.wakeUp = null;
        wakeUp?.();
    }
}
exports.LiveEventStream = LiveEventStream;
//# sourceMappingURL=live-event-stream.js.map