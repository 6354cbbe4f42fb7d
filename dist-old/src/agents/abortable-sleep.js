"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.abortableSleep = abortableSleep;
/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
function abortableSleep(ms, signal) {
    return new Promise((resolve, reject) => {
        if (signal.aborted) {
            reject(signal.reason);
            return;
        }
        const onAbort = () => {
            clearTimeout(timer);
            reject(signal.reason);
        };
        const timer = setTimeout(() => {
            signal.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        signal.addEventListener('abort', onAbort, { once: true });
    });
}
//# sourceMappingURL=abortable-sleep.js.map