"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.pgClientOf = pgClientOf;
exports.endTransaction = endTransaction;
exports.inOwnTransaction = inOwnTransaction;
exports.sendWholeTransaction = sendWholeTransaction;
/**
 * The pg client under a connected TypeORM query runner, for what TypeORM's `query` cannot
 * send: several statements in one simple-protocol message (one round trip), with their results.
 */
function pgClientOf(runner) {
    return runner.databaseConnection;
}
/** Releases a runner's connection; a `broken` one (it could not even roll back) is discarded by the pool, not reused. */
async function releaseRunner(runner, broken) {
    await runner.releasePostgresConnection(broken);
}
function markTransaction(runner, active) {
    const state = runner;
    state.isTransactionActive = active;
    state.transactionDepth = active ? 1 : 0;
}
/** Tells TypeORM that the transaction `inOwnTransaction` began is over (its COMMIT went through). */
function endTransaction(runner) {
    markTransaction(runner, false);
}
/**
 * Ends a failed transaction (after a failed commit message the server's transaction is
 * aborted or already gone; ROLLBACK covers both). A connection that cannot even roll back is
 * returned as broken, so the pool discards it.
 */
async function rollBack(runner, cause) {
    if (!runner.isTransactionActive)
        return undefined;
    try {
        await pgClientOf(runner).query('ROLLBACK');
        endTransaction(runner);
        return undefined;
    }
    catch (error) {
        endTransaction(runner);
        return error instanceof Error ? error : new Error(String(cause));
    }
}
/**
 * Runs `work` on a connection of its own that is in a transaction from the start: `work`
 * sends BEGIN in its first message and calls `endTransaction` once its COMMIT went through.
 * On failure the transaction is rolled back, and a connection that cannot even roll back is
 * discarded rather than reused.
 */
async function inOwnTransaction(dataSource, work) {
    const runner = dataSource.createQueryRunner();
    let broken;
    try {
        await runner.connect();
        markTransaction(runner, true);
        return await work(runner);
    }
    catch (error) {
        broken = await rollBack(runner, error);
        throw error;
    }
    finally {
        await releaseRunner(runner, broken);
    }
}
/**
 * Sends `message`, a whole transaction (`BEGIN; …; COMMIT`), in one round trip on a connection
 * of its own (`inOwnTransaction`), and answers each statement's result in order.
 */
async function sendWholeTransaction(dataSource, message) {
    return inOwnTransaction(dataSource, async (runner) => {
        const results = (await pgClientOf(runner).query(message));
        endTransaction(runner);
        return results;
    });
}
//# sourceMappingURL=query-runner-connection.js.map