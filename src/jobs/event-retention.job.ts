import type { JobHelpers, Task } from 'graphile-worker';
import type { EventRetentionService } from '../services/events/event-retention.service';

/** The graphile-worker task name of the retention job. */
export const EVENT_RETENTION_TASK = 'event-retention';

/** Suggested crontab line: every hour at minute 17 (retention is idempotent; a missed hour is made up by the next). */
export const EVENT_RETENTION_CRONTAB = `17 * * * * ${EVENT_RETENTION_TASK} ?max=1`;

/** What the job accepts: nothing, graphile-worker's cron stamp, or an explicit `now` (ISO time) for a manual run. */
interface EventRetentionPayload {
  now?: string;
}

function checkPayload(payload: unknown): EventRetentionPayload {
  if (payload === null || payload === undefined) return {};
  if (typeof payload !== 'object' || Array.isArray(payload)) throw new Error(`${EVENT_RETENTION_TASK}: payload must be an object`);
  const now = (payload as Record<string, unknown>)['now'];
  if (now === undefined) return {};
  if (typeof now !== 'string' || Number.isNaN(Date.parse(now))) throw new Error(`${EVENT_RETENTION_TASK}: payload.now must be an ISO date-time`);
  return { now };
}

/**
 * The retention task: deletes events older than EVENT_RETENTION_DAYS (see
 * EventRetentionService). Give it the process's service: `{ [EVENT_RETENTION_TASK]: eventRetentionJob(services.eventRetention) }`.
 */
export function eventRetentionJob(retention: EventRetentionService): Task {
  return async (payload: unknown, helpers: JobHelpers) => {
    const { now } = checkPayload(payload);
    const outcome = await retention.deleteExpired(now === undefined ? new Date() : new Date(now));
    helpers.logger.info(`event retention deleted ${outcome.deleted} event(s); events through cursor ${outcome.deletedThrough} are gone`);
  };
}
