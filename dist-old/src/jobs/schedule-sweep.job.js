"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.scheduleSweep = scheduleSweep;
/** One scheduler sweep at the scheduler's clock `now`: fires due schedules (run on an interval by each worker). */
function scheduleSweep(services, workerId) {
    return async (now = new Date()) => services.schedules.fireDue({ name: `worker:${workerId}`, correlationId: 'scheduler' }, now);
}
//# sourceMappingURL=schedule-sweep.job.js.map