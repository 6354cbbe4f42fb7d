"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.WholeTransactionBatcher = void 0;
const connection_errors_1 = require("./connection-errors");
const query_runner_connection_1 = require("./query-runner-connection");
/** SQLSTATE of a lock wait past lock_timeout. */
const LOCK_NOT_AVAILABLE = '55P03';
/**
 * Group commit for whole changes: single statements that are each a whole change and that
 * answer no rows when they do not apply (the task fast paths, migration 7). Statements sent
 * while earlier ones are in flight travel together, as one `BEGIN; …; COMMIT` message: one
 * round trip, one commit, one WAL flush and one turn at the NOTIFY queue lock for all of them,
 * where each used to take its own (under load, submissions queued on that lock: it is held
 * through each commit's WAL flush).
 *
 * A lone statement is sent at once. A statement that fails takes its transaction's other
 * statements down with it (PostgreSQL answered an error, so nothing of them happened): each of
 * them is then sent again alone, so every caller gets its own statement's answer or error. So
 * does a statement that waits for a lock longer than `lockTimeoutMs`. A transaction whose
 * connection failed may or may not have committed: its callers get that error, as a lone
 * statement's caller would, and nothing is sent again.
 */
class WholeTransactionBatcher {
    dataSource;
    waiting = [];
    inFlight = 0;
    maxInFlight;
    maxStatements;
    lockTimeoutMs;
    constructor(dataSource, options = {}) {
        this.dataSource = dataSource;
        this.maxInFlight = options.maxInFlight ?? 2;
        this.maxStatements = options.maxStatements ?? 64;
        this.lockTimeoutMs = options.lockTimeoutMs ?? 100;
    }
    /** Runs `statement` in a transaction (alone or with others) and answers its rows once that committed. */
    send(statement) {
        return new Promise((resolve, reject) => {
            this.waiting.push({ statement, resolve: resolve, reject });
            if (this.inFlight < this.maxInFlight)
                this.dispatch();
        });
    }
    dispatch() {
        const batch = this.waiting.splice(0, this.maxStatements);
        if (batch.length === 0)
            return;
        this.inFlight += 1;
        void this.commit(batch).then((failed) => {
            this.inFlight -= 1;
            this.dispatch();
            // Sent again once this transaction's place is free again: they wait on their own.
            for (const item of failed)
                void this.alone(item);
        });
    }
    /** Sends one transaction of `batch`; answers the statements to send again alone (none when it committed). */
    async commit(batch) {
        const statements = batch.map((item) => item.statement).join(';\n');
        let results;
        try {
            // A statement may set its own lock_timeout (set_config(…, true)): it then applies from
            // there on. Reset before the COMMIT, whose wait for the NOTIFY lock is not a row lock's.
            results = await (0, query_runner_connection_1.sendWholeTransaction)(this.dataSource, `BEGIN;\nSET LOCAL lock_timeout = ${Math.max(1, Math.round(this.lockTimeoutMs))};\n${statements};\nSET LOCAL lock_timeout = 0;\nCOMMIT`);
        }
        catch (error) {
            // PostgreSQL's own answer (not a lost connection): the transaction did not happen.
            const answered = typeof error.code === 'string' && !(0, connection_errors_1.isConnectionError)(error);
            if (answered && (batch.length > 1 || error.code === LOCK_NOT_AVAILABLE))
                return batch;
            for (const item of batch)
                item.reject(error);
            return [];
        }
        if (results.length !== batch.length + 4) {
            const error = new Error(`a whole-change transaction of ${batch.length} statements answered ${results.length} results; each statement must be one statement`);
            for (const item of batch)
                item.reject(error);
            return [];
        }
        for (const [index, item] of batch.entries())
            item.resolve(results[index + 2].rows);
        return [];
    }
    /** One statement in a transaction of its own, with no lock timeout. */
    async alone(item) {
        try {
            const results = await (0, query_runner_connection_1.sendWholeTransaction)(this.dataSource, `BEGIN;\n${item.statement};\nCOMMIT`);
            item.resolve(results[1].rows);
        }
        catch (error) {
            item.reject(error);
        }
    }
}
exports.WholeTransactionBatcher = WholeTransactionBatcher;
//# sourceMappingURL=whole-transaction-batcher.js.map