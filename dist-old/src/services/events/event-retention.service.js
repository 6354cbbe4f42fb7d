"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EventRetentionService = void 0;
const returning_rows_1 = require("../../db/returning-rows");
const actor_1 = require("../common/actor");
const event_query_service_1 = require("./event-query.service");
/** The largest cursor PostgreSQL's bigint holds: "no event is young enough to keep". */
const NO_LIMIT = '9223372036854775807';
/**
 * Deletes events older than the retention window, oldest first, and advances the
 * `events.deleted_through` setting in the same transaction, so a cursor at or above it is
 * always fully replayable and one below it is reported as CURSOR_EXPIRED, never silently short.
 * It only deletes a prefix of the stream: it stops at the first event young enough to keep,
 * even if a few older-stamped events follow it (`at` is the writing transaction's start).
 */
class EventRetentionService {
    dataSource;
    changes;
    options;
    batchSize;
    constructor(dataSource, changes, options) {
        this.dataSource = dataSource;
        this.changes = changes;
        this.options = options;
        this.batchSize = options.batchSize ?? 10_000;
    }
    /** Deletes every event stamped before `now` minus the retention window; each batch writes its audit line. */
    async deleteExpired(now = new Date(), actor = actor_1.SYSTEM_ACTOR) {
        const threshold = new Date(now.getTime() - this.options.retentionDays * 86_400_000);
        let deleted = 0;
        let deletedThrough = await this.currentHorizon();
        for (;;) {
            const batch = await this.changes.run(actor, async (tx) => {
                const bounds = await tx.manager.query(`SELECT max(cursor)::text AS through, count(*)::int AS count FROM (
             SELECT cursor FROM events
             WHERE cursor < coalesce((SELECT cursor FROM events WHERE at >= $1 ORDER BY cursor LIMIT 1), $2::bigint)
             ORDER BY cursor LIMIT $3
           ) batch`, [threshold, NO_LIMIT, this.batchSize]);
                const through = bounds[0].through;
                if (through === null)
                    return null;
                const removed = (0, returning_rows_1.returningRows)(await tx.manager.query('DELETE FROM events WHERE cursor <= $1 RETURNING 1', [through]));
                await tx.manager.query(`INSERT INTO system_settings (key, value, updated_at) VALUES ($1, to_jsonb($2::text), now())
           ON CONFLICT (key) DO UPDATE SET value = to_jsonb(GREATEST((system_settings.value #>> '{}')::numeric, $2::numeric)::text), updated_at = now()`, [event_query_service_1.EVENT_HORIZON_KEY, through]);
                await tx.log({
                    level: 'INFO',
                    message: `deleted ${removed.length} event(s) through cursor ${through}, older than ${this.options.retentionDays} day(s)`,
                    metadata: { action: 'events.retention', deleted: removed.length, deletedThrough: through, olderThan: threshold.toISOString() },
                });
                return { count: removed.length, through };
            });
            if (batch === null)
                break;
            deleted += batch.count;
            deletedThrough = batch.through;
            if (batch.count < this.batchSize)
                break;
        }
        return { deleted, deletedThrough };
    }
    async currentHorizon() {
        const rows = await this.dataSource.query('SELECT value FROM system_settings WHERE key = $1', [event_query_service_1.EVENT_HORIZON_KEY]);
        return rows.length === 0 ? '0' : String(rows[0].value);
    }
}
exports.EventRetentionService = EventRetentionService;
//# sourceMappingURL=event-retention.service.js.map