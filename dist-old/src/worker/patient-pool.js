"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PatientPool = void 0;
const pg_1 = require("pg");
const connection_errors_1 = require("../db/connection-errors");
/** SQLSTATE connection_failure: the code given to pg's code-less errors of a lost connection. */
const CONNECTION_FAILURE = '08006';
/**
 * The pool graphile-worker runs on. graphile-worker 0.17 neither awaits the completion or
 * failure of a job nor retries a refused connection, so during a PostgreSQL restart such a
 * rejection goes unhandled and would end the process. Here a connection is waited for
 * instead, for up to `patienceMs` (250 ms doubling to 5 s between tries), and a statement
 * that fails because its connection was lost always carries a code (pg's own messages for
 * that, "Connection terminated unexpectedly" and "… not queryable", have none), so that
 * graphile's retries, widened by `retryGraphileWhileUnavailable`, recognise it.
 */
class PatientPool extends pg_1.Pool {
    patienceMs;
    onWait;
    constructor(config, patienceMs, onWait) {
        super(config);
        this.patienceMs = patienceMs;
        this.onWait = onWait;
        this.on('connect', (client) => codeConnectionErrors(client));
    }
    connect(callback) {
        // pg's own pool.query() passes a callback: that path stays as it is.
        if (callback !== undefined)
            return super.connect(callback);
        return (0, connection_errors_1.retryWhileUnavailable)(() => super.connect(), this.patienceMs, this.onWait);
    }
}
exports.PatientPool = PatientPool;
/** Wraps a new client's promise-returning `query` so its lost-connection failures carry `CONNECTION_FAILURE`. */
function codeConnectionErrors(client) {
    const query = client.query.bind(client);
    client.query = (...args) => {
        const result = query(...args);
        if (!(result instanceof Promise))
            return result;
        return result.catch((error) => {
            if ((0, connection_errors_1.isConnectionError)(error) && typeof error === 'object' && error !== null && error.code === undefined) {
                error.code = CONNECTION_FAILURE;
            }
            throw error;
        });
    };
}
//# sourceMappingURL=patient-pool.js.map