"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startIdleHeapTrim = startIdleHeapTrim;
const node_perf_hooks_1 = require("node:perf_hooks");
const node_v8_1 = require("node:v8");
const node_vm_1 = require("node:vm");
/**
 * Gives back the heap a burst of work left behind, once the process is idle. V8 grows its heap
 * for a burst (thousands of tasks, a thousand sockets) and keeps most of it reserved afterwards;
 * its own memory reducer returns it late or not at all, so an idle API process can sit at twice
 * the memory it uses. After `idleMs` of an idle event loop, and only when V8 holds at least
 * `minSlackBytes` more than it uses, one full collection runs; then nothing more
 * until the process has been busy again. The collection pauses the loop for tens of ms, which
 * nobody waits on in an idle process.
 *
 * It needs V8's `gc` function, which only exists with --expose-gc. Set at run time, the flag
 * makes V8 install `gc` in contexts created afterwards: it is taken from a fresh context of its
 * own, so the application's globals stay as they were. Without it (a V8 that refuses the
 * flag) trimming stays off.
 */
function startIdleHeapTrim(options, logger) {
    if (options.idleMs <= 0)
        return { stop: () => undefined };
    const gc = fullGc();
    if (gc === undefined) {
        logger.debug('idle heap trimming is off: this V8 does not expose gc');
        return { stop: () => undefined };
    }
    const sampleIntervalMs = options.sampleIntervalMs ?? 1_000;
    const idleUtilization = options.idleUtilization ?? 0.05;
    const minSlackBytes = options.minSlackBytes ?? 16 * 1_048_576;
    let last = node_perf_hooks_1.performance.eventLoopUtilization();
    let idleSinceMs;
    // A trim waits for work in between: an idle process is trimmed once, not every interval.
    let busySinceTrim = true;
    const timer = setInterval(() => {
        const now = node_perf_hooks_1.performance.eventLoopUtilization();
        const sample = node_perf_hooks_1.performance.eventLoopUtilization(now, last);
        last = now;
        if (sample.utilization > idleUtilization) {
            idleSinceMs = undefined;
            busySinceTrim = true;
            return;
        }
        idleSinceMs ??= Date.now() - sampleIntervalMs;
        if (!busySinceTrim || Date.now() - idleSinceMs < options.idleMs)
            return;
        const before = (0, node_v8_1.getHeapStatistics)();
        if (before.total_heap_size - before.used_heap_size < minSlackBytes)
            return;
        const started = node_perf_hooks_1.performance.now();
        gc();
        const after = (0, node_v8_1.getHeapStatistics)();
        busySinceTrim = false;
        const trim = { totalBefore: before.total_heap_size, totalAfter: after.total_heap_size, usedAfter: after.used_heap_size, durationMs: node_perf_hooks_1.performance.now() - started };
        if (options.onTrim !== undefined)
            options.onTrim(trim);
        else
            logger.debug(trim, 'idle: heap trimmed');
        // The collection itself must not count as load in the next sample.
        last = node_perf_hooks_1.performance.eventLoopUtilization();
    }, sampleIntervalMs);
    timer.unref();
    return { stop: () => clearInterval(timer) };
}
function fullGc() {
    try {
        (0, node_v8_1.setFlagsFromString)('--expose-gc');
        const gc = (0, node_vm_1.runInNewContext)('typeof gc === "function" ? gc : undefined');
        return typeof gc === 'function' ? gc : undefined;
    }
    catch (error) {
        if (error instanceof Error)
            return undefined;
        throw error;
    }
}
//# sourceMappingURL=idle-heap-trim.js.map