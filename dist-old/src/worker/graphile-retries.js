"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.retryGraphileWhileUnavailable = retryGraphileWhileUnavailable;
const lib_1 = require("graphile-worker/dist/lib");
const connection_errors_1 = require("../db/connection-errors");
/**
 * Makes graphile-worker wait out a restarting PostgreSQL when it completes or fails a job.
 *
 * graphile-worker 0.17 does not await `completeJob`/`failJob`: their statements go through its
 * `withRetries`, which retries only a few codes (40001, 40P01, 57P03, …). A connection that
 * PostgreSQL terminates while that statement is in flight (57P01 on shutdown, a reset socket)
 * rejects it, the rejection goes unhandled, and the process ends. Both statements are safe to
 * repeat (a delete by id; an update guarded by `locked_by`), so every code of an unavailable
 * PostgreSQL joins the table: waits of 100 ms growing to 5 s, for graphile's 100 attempts.
 * The table is module state of graphile-worker (`dist/lib`; its index does not re-export it),
 * read on each failure. Idempotent; runs before the runner starts.
 */
function retryGraphileWhileUnavailable() {
    for (const code of connection_errors_1.UNAVAILABLE_CODES)
        lib_1.RETRYABLE_ERROR_CODES[code] ??= { minDelay: 100, maxDelay: 5_000 };
}
//# sourceMappingURL=graphile-retries.js.map