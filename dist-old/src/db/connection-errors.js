"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.UNAVAILABLE_CODES = void 0;
exports.isConnectionError = isConnectionError;
exports.retryWhileUnavailable = retryWhileUnavailable;
/**
 * Error codes of a PostgreSQL that is restarting or out of reach: refused or dropped sockets,
 * and SQLSTATE class 08 (connection exception) and 57P01-57P03 (shutting down, starting up).
 */
exports.UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
/** Messages of pg and TypeORM for a connection lost mid-use, which carry no code. */
const UNAVAILABLE_MESSAGES = /Connection terminated|connection error and is not queryable|Database connection provided by a query runner was already released|timeout exceeded when trying to connect/;
/** Whether an error means PostgreSQL was unavailable (worth waiting out), not that the statement was wrong. */
function isConnectionError(error) {
    if (typeof error !== 'object' || error === null)
        return false;
    const { code, message } = error;
    return (typeof code === 'string' && exports.UNAVAILABLE_CODES.has(code)) || (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message));
}
/**
 * Runs `work` again while it fails because PostgreSQL is unavailable, waiting 250 ms doubling
 * to 5 s between tries, for up to `patienceMs`; any other failure, or the last one, is thrown.
 * `onRetry` hears each failure that is waited out.
 */
async function retryWhileUnavailable(work, patienceMs, onRetry = () => undefined) {
    const deadline = Date.now() + patienceMs;
    for (let delayMs = 250;; delayMs = Math.min(delayMs * 2, 5_000)) {
        try {
            return await work();
        }
        catch (error) {
            if (!isConnectionError(error) || Date.now() + delayMs > deadline)
                throw error;
            onRetry(error);
            await new Promise((resolve) => setTimeout(resolve, delayMs));
        }
    }
}
//# sourceMappingURL=connection-errors.js.map