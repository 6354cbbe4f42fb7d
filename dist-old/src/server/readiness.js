"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.checkReadiness = checkReadiness;
/** How long one readiness check may take, in ms. Default 2_000. */
const CHECK_TIMEOUT_MS = 2_000;
function withTimeout(promise, ms) {
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
        promise.then((value) => {
            clearTimeout(timer);
            resolve(value);
        }, (error) => {
            clearTimeout(timer);
            reject(error instanceof Error ? error : new Error(String(error)));
        });
    });
}
/** PostgreSQL (and each extra dependency) must answer for the process to be ready. */
async function checkReadiness(dataSource, extras) {
    const checks = {};
    const probes = [['postgres', () => dataSource.query('SELECT 1')], ...extras.map((extra) => [extra.name, () => extra.ping()])];
    await Promise.all(probes.map(async ([name, probe]) => {
        try {
            await withTimeout(probe(), CHECK_TIMEOUT_MS);
            checks[name] = 'ok';
        }
        catch (error) {
            // The reason is shown to operators; connection errors carry no credentials.
            checks[name] = `unavailable: ${error instanceof Error ? error.message : String(error)}`;
        }
    }));
    return { ready: Object.values(checks).every((value) => value === 'ok'), checks };
}
//# sourceMappingURL=readiness.js.map