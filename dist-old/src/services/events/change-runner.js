"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ChangeRunner = void 0;
const query_runner_connection_1 = require("../../db/query-runner-connection");
const whole_transaction_batcher_1 = require("../../db/whole-transaction-batcher");
const change_transaction_1 = require("./change-transaction");
const event_sequencer_1 = require("./event-sequencer");
const DEADLOCK = '40P01';
const SERIALIZATION_FAILURE = '40001';
/** Attempts of one change when PostgreSQL aborts it for a deadlock. Default 4. */
const MAX_ATTEMPTS = 4;
/**
 * Runs a state change in one transaction. Its events go to the outbox with it; once it
 * committed, the event sequencer numbers them and NOTIFYs, and the event relay of every API
 * process reads them from the events table. Nothing is published from here, so a rolled-back
 * change is never heard and no process sees an event before an earlier-numbered one.
 */
class ChangeRunner {
    dataSource;
    sequencer;
    committedListeners = new Set();
    wholeBatchers = new Map();
    /**
     * @param sequencer the process's event sequencer (one per process, shared by its runners);
     * by default one of this runner's own.
     */
    constructor(dataSource, sequencer = new event_sequencer_1.EventSequencer(dataSource, undefined)) {
        this.dataSource = dataSource;
        this.sequencer = sequencer;
    }
    /**
     * Calls `listener` with the agents a change recorded changes of, after each commit of this
     * process and before `run` answers (process-local caches drop what the change made stale, so
     * the caller reads its own writes).
     */
    onCommitted(listener) {
        this.committedListeners.add(listener);
        return () => this.committedListeners.delete(listener);
    }
    /**
     * Runs `work` in a transaction. A deadlock or serialization failure (PostgreSQL aborted
     * the whole transaction, so nothing of it happened) is retried, up to `MAX_ATTEMPTS`
     * times: `work` must only touch the database.
     */
    async run(actor, work, options = {}) {
        return (await this.attempts(actor, null, work, options)).result;
    }
    /**
     * `run` whose first statement travels with the BEGIN, in one round trip: `firstStatement`
     * (built with `sqlLiteral` for every value) runs first and `work` gets its rows.
     */
    async runFrom(actor, firstStatement, work, options = {}) {
        return (await this.attempts(actor, firstStatement, work, options)).result;
    }
    /** `run`, also answering the cursors of the events the change wrote, in order. */
    async runRecorded(actor, work) {
        const { result, tx } = await this.attempts(actor, null, work, {});
        return { result, cursors: tx.committedOutboxIds.length === 0 ? [] : await this.cursorsOf(tx) };
    }
    /**
     * A whole change as one statement, sent with its BEGIN and COMMIT in one round trip: for
     * changes PostgreSQL records entirely by itself (the task fast paths, migration 7), events
     * and audit lines included. Each row names an agent the change changed (for the commit
     * listeners); no rows means it changed nothing. Statements sent while others are in flight
     * share one transaction (`WholeTransactionBatcher`): the statement must be a whole change
     * that answers no rows when it does not apply, whatever else its transaction holds.
     */
    async runWhole(statement, options = {}) {
        const batcher = this.wholeBatcher(options.group ?? 'changes');
        const rows = await this.retryingAborts(() => batcher.send(statement));
        if (rows.length === 0)
            return rows;
        this.notifyCommitted(new Set(rows.map((row) => row.agent_id)));
        await this.sequence(options);
        return rows;
    }
    /** The group's batcher, made on first use. */
    wholeBatcher(group) {
        const known = this.wholeBatchers.get(group);
        if (known !== undefined)
            return known;
        const batcher = new whole_transaction_batcher_1.WholeTransactionBatcher(this.dataSource);
        this.wholeBatchers.set(group, batcher);
        return batcher;
    }
    async attempts(actor, firstStatement, work, options) {
        const committed = await this.retryingAborts(() => this.once(actor, firstStatement, work));
        if (committed.tx.committedOutboxIds.length > 0)
            await this.sequence(options);
        return committed;
    }
    /** Numbers a committed change's events: awaited, or (`awaitSequencing` false) only started. */
    async sequence(options) {
        // The change is committed whatever happens here: a failed pass is retried by the next
        // commit or the poll, and the caller is not told of a failure that is not its change's.
        if (options.awaitSequencing === false)
            this.sequencer.trigger();
        else
            await this.sequencer.flush().catch(() => undefined);
    }
    /** Runs one transaction again when PostgreSQL aborted it for a deadlock or serialization failure (nothing of it happened). */
    async retryingAborts(transaction) {
        for (let attempt = 1;; attempt += 1) {
            try {
                return await transaction();
            }
            catch (error) {
                const code = error.code ?? error.driverError?.code;
                if (attempt >= MAX_ATTEMPTS || (code !== DEADLOCK && code !== SERIALIZATION_FAILURE))
                    throw error;
                await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
            }
        }
    }
    notifyCommitted(agentIds) {
        if (agentIds.size === 0)
            return;
        for (const listener of this.committedListeners) {
            // The change is committed: a listener's failure must not turn it into an error.
            try {
                listener(agentIds);
            }
            catch {
                // Listeners only drop cache entries; their TTLs bound what a failed one leaves.
            }
        }
    }
    /**
     * The cursors of a committed change's events: from this process's sequencer, or (another
     * process's sequencer took them first) from the events table, where they are the events
     * of its transaction time and actor, in order.
     */
    async cursorsOf(tx) {
        const known = this.sequencer.cursorsOf(tx.committedOutboxIds);
        if (known.every((cursor) => cursor !== undefined) || tx.eventsAt === null)
            return known;
        const rows = await this.dataSource.query('SELECT cursor::text AS cursor FROM events WHERE at = $1::timestamptz AND actor = $2 AND correlation_id = $3 ORDER BY cursor', [tx.eventsAt, tx.actor.name, tx.actor.correlationId]);
        return rows.length === known.length ? rows.map((row) => row.cursor) : known;
    }
    async once(actor, firstStatement, work) {
        return (0, query_runner_connection_1.inOwnTransaction)(this.dataSource, async (runner) => {
            const first = firstStatement === null ? 'BEGIN' : `BEGIN;\n${firstStatement}`;
            const results = (await (0, query_runner_connection_1.pgClientOf)(runner).query(first));
            const rows = Array.isArray(results) ? results[1].rows : [];
            const tx = new change_transaction_1.ChangeTransaction(runner.manager, actor);
            const result = await work(tx, rows);
            // One round trip: the hot locks taken in it are held only while the server works.
            const commitResults = (await (0, query_runner_connection_1.pgClientOf)(runner).query(tx.commitMessage()));
            (0, query_runner_connection_1.endTransaction)(runner);
            tx.acceptCommitResults(Array.isArray(commitResults) ? commitResults : []);
            this.notifyCommitted(tx.agentIds);
            return { result, tx };
        });
    }
}
exports.ChangeRunner = ChangeRunner;
//# sourceMappingURL=change-runner.js.map