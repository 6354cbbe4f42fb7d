"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.METRIC = void 0;
/** Metric names the engine records per agent in agent_metrics. */
exports.METRIC = Object.freeze({
    taskDurationMs: 'task.duration_ms',
    taskSucceeded: 'task.succeeded',
    taskFailed: 'task.failed',
    taskQueueWaitMs: 'task.queue_wait_ms',
});
//# sourceMappingURL=metric-names.js.map