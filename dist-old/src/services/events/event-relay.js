"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EventRelay = void 0;
const pg_1 = require("pg");
const change_transaction_1 = require("./change-transaction");
const event_query_service_1 = require("./event-query.service");
/**
 * Tails the events table into this process's bus. Every API process runs one: a sequencer
 * pass that numbered events NOTIFYs at commit, the relay's own LISTEN connection hears it and reads
 * every event after the last one it delivered, in cursor order (which is commit order), and
 * publishes them. Notifications are only a wake-up: at most one read is in flight, another
 * follows if more arrived meanwhile, and a poll every `pollIntervalMs` (and one right after
 * every LISTEN reconnect) catches anything a lost notification or a dropped connection missed.
 * PostgreSQL is the only thing it depends on, so a Redis outage cannot lose an event.
 *
 * Events this process's own sequencer numbered skip the round trip: the pass hands them over
 * once committed, and they are published at once when they follow the last delivered cursor
 * (no event of another process is missing before them); otherwise they wake a read. Their
 * notification, which names this process's sequencer, wakes nothing.
 */
class EventRelay {
    options;
    reader;
    pollIntervalMs;
    batchSize;
    reconnectBaseMs;
    reconnectMaxMs;
    listener;
    connecting;
    reconnectTimer;
    reconnectAttempt = 0;
    pollTimer;
    reading;
    readAgain = false;
    readFailing = false;
    tableReads = 0;
    started = false;
    stopped = false;
    stopOffers;
    constructor(options) {
        this.options = options;
        this.reader = new event_query_service_1.EventQueryService(options.dataSource);
        this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
        this.batchSize = options.batchSize ?? 1_000;
        this.reconnectBaseMs = options.reconnectBaseMs ?? 250;
        this.reconnectMaxMs = options.reconnectMaxMs ?? 5_000;
    }
    /** Reads of the events table since start (each a statement on PostgreSQL). */
    get reads() {
        return this.tableReads;
    }
    /** Whether the LISTEN connection is up right now (the poll covers the times it is not). */
    get listening() {
        return this.listener !== undefined;
    }
    /**
     * Starts at the table's head (older events are replayed from PostgreSQL by whoever wants
     * them), opens the LISTEN connection and the poll. A failed first LISTEN is retried in the
     * background; the poll delivers meanwhile.
     */
    async start() {
        if (this.started)
            return;
        this.started = true;
        const rows = await this.options.dataSource.query('SELECT coalesce(max(cursor), 0)::text AS head FROM events');
        this.options.bus.startAt(BigInt(rows[0].head));
        this.stopOffers = this.options.sequencer?.onSequenced((events) => this.offer(events));
        this.connecting = this.connect();
        await this.connecting;
        this.pollTimer = setInterval(() => this.wake(), this.pollIntervalMs);
        this.pollTimer.unref();
    }
    /** Stops reading, closes the LISTEN connection and waits for a read in flight; the pool is the caller's. */
    async stop() {
        this.stopped = true;
        this.stopOffers?.();
        if (this.pollTimer !== undefined)
            clearInterval(this.pollTimer);
        if (this.reconnectTimer !== undefined)
            clearTimeout(this.reconnectTimer);
        await this.connecting;
        const listener = this.listener;
        this.listener = undefined;
        await listener?.end().catch(() => undefined);
        await this.reading;
    }
    /** Asks for a read now (coalesced with one in flight). */
    wake() {
        if (this.stopped)
            return;
        if (this.reading !== undefined) {
            this.readAgain = true;
            return;
        }
        this.reading = this.drain().finally(() => {
            this.reading = undefined;
        });
    }
    /** Committed events numbered by this process, in cursor order (see the class comment). */
    offer(events) {
        if (this.stopped || events.length === 0)
            return;
        const first = BigInt(events[0].cursor);
        const last = BigInt(events[events.length - 1].cursor);
        const delivered = this.options.bus.lastCursor;
        if (last <= delivered)
            return;
        // Contiguous with what was delivered (the bus skips any already delivered): publish. A gap
        // before them is another process's events, still to be read from the table first.
        if (first <= delivered + 1n)
            this.options.bus.publish(events);
        else
            this.wake();
    }
    /**
     * A pass's notification names its sequencer and the last cursor it gave (`<id>:<cursor>`).
     * Nothing to read when the sequencer is this process's own (the pass hands its events over
     * when it commits; should that fail, the poll reads them) or the relay has delivered that
     * cursor already; any other payload (an older process's empty one) wakes a read.
     */
    heard(payload) {
        const separator = payload === undefined ? -1 : payload.indexOf(':');
        if (payload !== undefined && separator > 0) {
            if (payload.slice(0, separator) === this.options.sequencer?.id)
                return;
            const last = payload.slice(separator + 1);
            if (/^[0-9]{1,19}$/.test(last) && BigInt(last) <= this.options.bus.lastCursor)
                return;
        }
        this.wake();
    }
    async drain() {
        do {
            this.readAgain = false;
            try {
                let page;
                do {
                    this.tableReads += 1;
                    page = await this.reader.readRange(this.options.bus.lastCursor, null, {}, this.batchSize);
                    if (this.stopped)
                        return;
                    this.options.bus.publish(page);
                } while (page.length === this.batchSize);
                if (this.readFailing)
                    this.options.logger.info('event relay reading again');
                this.readFailing = false;
            }
            catch (error) {
                // PostgreSQL is away: the next notification or poll tries again; nothing is skipped.
                if (!this.readFailing)
                    this.options.logger.warn({ err: { message: error.message } }, 'event relay cannot read events; retrying');
                this.readFailing = true;
                return;
            }
        } while (this.readAgain && !this.stopped);
    }
    async connect() {
        const client = new pg_1.Client({ connectionString: this.options.connectionString, application_name: 'velocity-event-relay' });
        client.on('notification', (message) => this.heard(message.payload));
        client.on('error', (error) => {
            this.options.logger.warn({ err: { message: error.message } }, 'event relay LISTEN connection failed');
        });
        let ended = false;
        client.on('end', () => {
            ended = true;
            if (this.listener !== client)
                return;
            this.listener = undefined;
            this.scheduleReconnect();
        });
        try {
            await client.connect();
            await client.query(`LISTEN ${change_transaction_1.EVENTS_CHANNEL}`);
        }
        catch (error) {
            await client.end().catch(() => undefined);
            if (!this.stopped) {
                if (this.reconnectAttempt === 0)
                    this.options.logger.warn({ err: { message: error.message } }, 'event relay cannot LISTEN; polling until it can');
                this.scheduleReconnect();
            }
            return;
        }
        if (this.stopped) {
            await client.end().catch(() => undefined);
            return;
        }
        if (ended) {
            this.scheduleReconnect();
            return;
        }
        if (this.reconnectAttempt > 0)
            this.options.logger.info('event relay listening again');
        this.reconnectAttempt = 0;
        this.listener = client;
        // Anything committed while we were not listening is read now, not at the next poll.
        this.wake();
    }
    scheduleReconnect() {
        if (this.stopped || this.reconnectTimer !== undefined)
            return;
        const delay = Math.min(this.reconnectBaseMs * 2 ** this.reconnectAttempt, this.reconnectMaxMs);
        this.reconnectAttempt += 1;
        this.reconnectTimer = setTimeout(() => {
            this.reconnectTimer = undefined;
            this.connecting = this.connect();
        }, delay);
        this.reconnectTimer.unref();
    }
}
exports.EventRelay = EventRelay;
//# sourceMappingURL=event-relay.js.map