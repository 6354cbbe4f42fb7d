"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TaskAbort = void 0;
exports.outcomeOf = outcomeOf;
exports.retryDelayMs = retryDelayMs;
exports.raceAbort = raceAbort;
exports.jsonResult = jsonResult;
const agent_type_1 = require("../../agents/agent-type");
/** Reasons the executor aborts a handler's signal with. */
class TaskAbort extends Error {
    reason;
    constructor(reason, message) {
        super(message);
        this.reason = reason;
        this.name = 'TaskAbort';
    }
}
exports.TaskAbort = TaskAbort;
/** How a handler's throw ends the attempt: our own aborts by their reason, anything else a failure (retryable unless permanent). */
function outcomeOf(error) {
    if (error instanceof TaskAbort) {
        switch (error.reason) {
            case 'timeout':
                return { kind: 'timed-out', error: error.message };
            case 'cancel':
                return { kind: 'cancelled' };
            case 'shutdown':
                return { kind: 'handed-back' };
        }
    }
    const message = error instanceof Error ? `${error.name === 'Error' || error.name === 'PermanentTaskError' ? '' : `${error.name}: `}${error.message}` : String(error);
    return { kind: 'failed', error: message.slice(0, 4000), retryable: !(0, agent_type_1.isPermanentFailure)(error) };
}
/** Delay before attempt `attempt + 1`, in ms: base × 2^(attempt-1), at most 60 s. */
function retryDelayMs(baseMs, attempt) {
    return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 60_000);
}
/** Resolves or rejects with the handler, or rejects as soon as the signal aborts (the handler was told to stop). */
function raceAbort(work, signal) {
    if (signal.aborted)
        return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
        const onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        work.then((value) => {
            signal.removeEventListener('abort', onAbort);
            resolve(value);
        }, (error) => {
            signal.removeEventListener('abort', onAbort);
            reject(error);
        });
    });
}
/** A task result must be storable JSON; anything else is turned into a clear failure. */
function jsonResult(value) {
    return value === undefined ? null : JSON.parse(JSON.stringify(value));
}
//# sourceMappingURL=task-outcome.js.map