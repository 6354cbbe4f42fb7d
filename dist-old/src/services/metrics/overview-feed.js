"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.OverviewFeed = void 0;
const overview_service_1 = require("./overview.service");
/**
 * One shared ticker per process behind every overviewUpdated subscription: while anyone
 * listens it computes the overview every `intervalMs` and tells the listeners only when it
 * changed; with no listener it does nothing. A new listener gets the latest value at once.
 */
class OverviewFeed {
    overview;
    logger;
    intervalMs;
    listeners = new Set();
    timer;
    latest = null;
    computing;
    failing = false;
    /** @param intervalMs how often the overview is recomputed while someone listens, in ms. Default 1_000. */
    constructor(overview, logger, intervalMs = 1_000) {
        this.overview = overview;
        this.logger = logger;
        this.intervalMs = intervalMs;
    }
    subscribe(listener) {
        this.listeners.add(listener);
        if (this.timer === undefined) {
            this.timer = setInterval(() => this.tick(), this.intervalMs);
            this.timer.unref();
            this.tick();
        }
        else if (this.latest !== null) {
            const latest = this.latest;
            queueMicrotask(() => {
                if (this.listeners.has(listener))
                    listener(latest);
            });
        }
        return () => {
            this.listeners.delete(listener);
            if (this.listeners.size === 0)
                this.stopTicking();
        };
    }
    /** A stream of overviews for one subscriber: the latest value wins, so a slow reader never piles them up. */
    open() {
        return new LatestValueStream((push) => this.subscribe(push));
    }
    /** Stops ticking and waits for a computation in flight (process shutdown). */
    async stop() {
        this.listeners.clear();
        this.stopTicking();
        await this.computing;
    }
    stopTicking() {
        if (this.timer !== undefined)
            clearInterval(this.timer);
        this.timer = undefined;
        this.latest = null;
    }
    tick() {
        if (this.computing !== undefined)
            return;
        this.computing = this.compute().finally(() => {
            this.computing = undefined;
        });
    }
    async compute() {
        try {
            const next = await this.overview.compute();
            this.failing = false;
            if (this.timer === undefined)
                return;
            if (this.latest !== null && (0, overview_service_1.sameOverview)(this.latest, next))
                return;
            this.latest = next;
            for (const listener of [...this.listeners])
                listener(next);
        }
        catch (error) {
            if (!this.failing)
                this.logger.warn({ err: { message: error.message } }, 'cannot compute the system overview; retrying');
            this.failing = true;
        }
    }
}
exports.OverviewFeed = OverviewFeed;
/** An async iterator holding at most one pending value: a newer one replaces it. */
class LatestValueStream {
    pending = null;
    wakeUp = null;
    finished = false;
    unsubscribe;
    constructor(subscribe) {
        this.unsubscribe = subscribe((value) => {
            this.pending = { value };
            this.signal();
        });
    }
    [Symbol.asyncIterator]() {
        return this;
    }
    async next() {
        for (;;) {
            if (this.finished)
                return { value: undefined, done: true };
            const pending = this.pending;
            if (pending !== null) {
                this.pending = null;
                return { value: pending.value, done: false };
            }
            await new Promise((resolve) => {
                this.wakeUp = resolve;
            });
        }
    }
    async return() {
        this.finished = true;
        this.pending = null;
        this.unsubscribe();
        this.signal();
        return { value: undefined, done: true };
    }
    signal() {
        const wakeUp = this.wakeUp;
        this.wakeUp = null;
        wakeUp?.();
    }
}
//# sourceMappingURL=overview-feed.js.map