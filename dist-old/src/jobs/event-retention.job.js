"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EVENT_RETENTION_CRONTAB = exports.EVENT_RETENTION_TASK = void 0;
exports.eventRetentionJob = eventRetentionJob;
/** The graphile-worker task name of the retention job. */
exports.EVENT_RETENTION_TASK = 'event-retention';
/** Suggested crontab line: every hour at minute 17 (retention is idempotent; a missed hour is made up by the next). */
exports.EVENT_RETENTION_CRONTAB = `17 * * * * ${exports.EVENT_RETENTION_TASK} ?max=1`;
function checkPayload(payload) {
    if (payload === null || payload === undefined)
        return {};
    if (typeof payload !== 'object' || Array.isArray(payload))
        throw new Error(`${exports.EVENT_RETENTION_TASK}: payload must be an object`);
    const now = payload['now'];
    if (now === undefined)
        return {};
    if (typeof now !== 'string' || Number.isNaN(Date.parse(now)))
        throw new Error(`${exports.EVENT_RETENTION_TASK}: payload.now must be an ISO date-time`);
    return { now };
}
/**
 * The retention task: deletes events older than EVENT_RETENTION_DAYS (see
 * EventRetentionService). Give it the process's service: `{ [EVENT_RETENTION_TASK]: eventRetentionJob(services.eventRetention) }`.
 */
function eventRetentionJob(retention) {
    return async (payload, helpers) => {
        const { now } = checkPayload(payload);
        const outcome = await retention.deleteExpired(now === undefined ? new Date() : new Date(now));
        helpers.logger.info(`event retention deleted ${outcome.deleted} event(s); events through cursor ${outcome.deletedThrough} are gone`);
    };
}
//# sourceMappingURL=event-retention.job.js.map