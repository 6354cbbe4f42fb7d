"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EventSequencer = void 0;
const node_crypto_1 = require("node:crypto");
const query_runner_connection_1 = require("../../db/query-runner-connection");
const change_transaction_1 = require("./change-transaction");
const event_query_service_1 = require("./event-query.service");
/**
 * Key of the transaction-scoped advisory lock that serialises sequencer passes (of every
 * process): cursors are handed out in the order the passes commit, so a reader that has seen
 * cursor N can never later find a committed N-1.
 */
const SEQUENCER_LOCK = 7_346_001;
/** Outbox rows moved by one statement; a full batch is followed by another at once. */
const BATCH_SIZE = 5_000;
/** Cursors of recently sequenced outbox rows kept for `cursorsOf`. */
const REMEMBERED_CURSORS = 10_000;
/**
 * One pass in one round trip: under the lock, take every committed outbox row, reserve a
 * block of cursors (only passes draw from the cursor sequence, and they hold the lock), and
 * give them out a change at a time: the rows one write of a change marked with the same `tx`
 * (migration 8: a transaction carrying several whole changes holds several such groups),
 * groups in the order of their first rows, each group's events in the order it wrote them
 * (changes that commit side by side interleave their outbox ids). Then write the rows to
 * `events` and, if there was any, NOTIFY the relays, naming the sequencer and the last cursor
 * given (`<id>:<cursor>`: the relay of the sequencer's own process is handed the events, and
 * a relay that has delivered that cursor already need not read the table).
 *
 * Numbering by row_number, not by nextval per row: PostgreSQL does not promise to call
 * nextval in a subquery's ORDER BY order. The lock is the only serialisation point of event
 * writing, and a pass carries hundreds of changes' events at once. `whole`: the numbered
 * events come back whole, in cursor order, for this process's relay (`onSequenced`);
 * otherwise their ids and cursors.
 */
function passSql(whole, sequencerId) {
    return `BEGIN;
SELECT pg_advisory_xact_lock(${SEQUENCER_LOCK});
WITH moved AS (
  DELETE FROM event_outbox WHERE id IN (SELECT id FROM event_outbox ORDER BY id LIMIT ${BATCH_SIZE}) RETURNING *
), reserved AS (
  SELECT count(*) AS n, CASE WHEN count(*) > 0 THEN setval('events_cursor_seq', nextval('events_cursor_seq') + count(*) - 1) END AS last FROM moved
), grouped AS (
  SELECT m.*, min(m.id) OVER (PARTITION BY m.tx) AS first_of_tx FROM moved m
), numbered AS (
  SELECT r.last - r.n + row_number() OVER (ORDER BY g.first_of_tx, g.id) AS cursor, g.* FROM grouped g CROSS JOIN reserved r
), inserted AS (
  INSERT INTO events (cursor, kind, at, agent_id, task_id, workflow_run_id, status, previous_status, data, actor, correlation_id)
  SELECT cursor, kind, at, agent_id, task_id, workflow_run_id, status, previous_status, data, actor, correlation_id FROM numbered
), notified AS MATERIALIZED (
  SELECT pg_notify('${change_transaction_1.EVENTS_CHANNEL}', '${sequencerId}:' || max(cursor)::text) FROM numbered HAVING count(*) > 0
)
SELECT id::text AS outbox_id, cursor::text AS cursor${whole ? ', kind, at, agent_id, task_id, workflow_run_id, status, previous_status, data, actor, correlation_id' : ''}
  FROM numbered CROSS JOIN notified ORDER BY cursor;
COMMIT`;
}
/**
 * Gives committed events their cursors. Changes write to the outbox with no lock and
 * commit side by side; this process sequences right after each of its own commits
 * (`flush`), and a poll catches rows a crashed process committed and left. Passes are
 * coalesced: at most one runs and one waits, and a flush resolves once a pass that started
 * after it was asked for has committed, so everything committed before the call has its
 * cursor then.
 */
class EventSequencer {
    dataSource;
    logger;
    pollIntervalMs;
    backgroundDelayMs;
    backgroundTimer;
    stopped = false;
    tail = Promise.resolve();
    queued;
    cursors = new Map();
    sequencedListeners = new Set();
    pollTimer;
    failing = false;
    /** Names this sequencer in its passes' notifications (random, per process). */
    id = (0, node_crypto_1.randomBytes)(6).toString('hex');
    passSql = { whole: passSql(true, this.id), ids: passSql(false, this.id) };
    constructor(dataSource, 
    /** Where failed passes are reported (once per outage); none: not reported. */
    logger, options = {}) {
        this.dataSource = dataSource;
        this.logger = logger;
        this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
        this.backgroundDelayMs = options.backgroundDelayMs ?? 10;
    }
    /** Starts the poll. */
    start() {
        this.stopped = false;
        if (this.pollTimer !== undefined)
            return;
        this.pollTimer = setInterval(() => this.flush().catch(() => undefined), this.pollIntervalMs);
        this.pollTimer.unref();
    }
    /** Stops the poll and sequences what this process committed (best effort: another process or the next start does otherwise). */
    async stop() {
        if (this.pollTimer !== undefined)
            clearInterval(this.pollTimer);
        this.pollTimer = undefined;
        this.stopped = true;
        if (this.backgroundTimer !== undefined)
            clearTimeout(this.backgroundTimer);
        this.backgroundTimer = undefined;
        await this.flush().catch(() => undefined);
    }
    /** Sequences everything committed before the call. */
    flush() {
        if (this.queued !== undefined)
            return this.queued;
        const next = this.tail.then(() => {
            this.queued = undefined;
            return this.pass();
        });
        this.queued = next;
        this.tail = next.catch(() => undefined);
        return next;
    }
    /**
     * `flush` without waiting, within `backgroundDelayMs`: the commits of that window share one
     * pass (under a worker's load, one round trip and one NOTIFY for several tasks' changes
     * rather than one each; their subscribers hear of them up to that much later). A failure is
     * logged and left to the next pass.
     */
    trigger() {
        // Stopped: whatever commits now is sequenced at once (no timer left behind), or by the next process.
        if (this.backgroundDelayMs <= 0 || this.stopped) {
            this.flush().catch(() => undefined);
            return;
        }
        if (this.backgroundTimer !== undefined)
            return;
        this.backgroundTimer = setTimeout(() => {
            this.backgroundTimer = undefined;
            this.flush().catch(() => undefined);
        }, this.backgroundDelayMs);
    }
    /**
     * Calls `listener` with the events each of this process's passes numbered, in cursor order,
     * once the pass has committed (they are exactly the rows the events table now holds).
     */
    onSequenced(listener) {
        this.sequencedListeners.add(listener);
        return () => this.sequencedListeners.delete(listener);
    }
    /** Cursors given by this process's passes to outbox rows, in the order of `outboxIds` (undefined: not seen here). */
    cursorsOf(outboxIds) {
        return outboxIds.map((id) => this.cursors.get(id));
    }
    async pass() {
        try {
            let moved;
            do {
                moved = await this.moveBatch();
                if (moved.length > 0 && this.sequencedListeners.size > 0)
                    this.announce(moved.map(event_query_service_1.eventFromRow));
            } while (moved.length === BATCH_SIZE);
            if (this.failing)
                this.logger?.info('event sequencer running again');
            this.failing = false;
        }
        catch (error) {
            if (!this.failing)
                this.logger?.warn({ err: { message: error.message } }, 'event sequencer pass failed; retrying with the next commit or poll');
            this.failing = true;
            throw error;
        }
    }
    /** Hands committed events to the listeners; one that throws does not keep them from the others or fail the pass. */
    announce(events) {
        for (const listener of [...this.sequencedListeners]) {
            try {
                listener(events);
            }
            catch (error) {
                this.logger?.error({ err: error }, 'a listener of sequenced events failed');
            }
        }
    }
    /** One batch moved and committed: its rows in cursor order. */
    async moveBatch() {
        const results = await (0, query_runner_connection_1.sendWholeTransaction)(this.dataSource, this.sequencedListeners.size > 0 ? this.passSql.whole : this.passSql.ids);
        const rows = results[2].rows;
        for (const row of rows)
            this.remember(row.outbox_id, row.cursor);
        return rows;
    }
    remember(outboxId, cursor) {
        if (this.cursors.size >= REMEMBERED_CURSORS)
            this.cursors.delete(this.cursors.keys().next().value);
        this.cursors.set(outboxId, cursor);
    }
}
exports.EventSequencer = EventSequencer;
//# sourceMappingURL=event-sequencer.js.map