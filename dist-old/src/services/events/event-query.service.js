"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EventQueryService = exports.EVENT_HORIZON_KEY = void 0;
exports.eventFromRow = eventFromRow;
exports.cursorExpired = cursorExpired;
exports.parseEventCursor = parseEventCursor;
const domain_error_1 = require("../errors/domain-error");
const ids_1 = require("../common/ids");
const pagination_1 = require("../common/pagination");
/** The settings row holding the highest cursor the retention job has deleted. */
exports.EVENT_HORIZON_KEY = 'events.deleted_through';
function eventFromRow(row) {
    return {
        cursor: String(row.cursor),
        kind: row.kind,
        at: row.at,
        agentId: row.agent_id,
        taskId: row.task_id,
        workflowRunId: row.workflow_run_id,
        status: row.status,
        previousStatus: row.previous_status,
        data: row.data,
        actor: row.actor,
        correlationId: row.correlation_id,
    };
}
function cursorExpired(after) {
    return new domain_error_1.DomainError('CURSOR_EXPIRED', `events after cursor ${after} are older than the retention window and were deleted; resume from "0"`);
}
function parseEventCursor(after) {
    if (after === undefined || after === null || after === '')
        return 0n;
    if (!/^\d{1,19}$/.test(after))
        throw (0, domain_error_1.badInput)('after must be an event cursor', 'after');
    return BigInt(after);
}
/** Reads the durable event stream: the source of truth behind every live subscription. */
class EventQueryService {
    dataSource;
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    /** The highest cursor retention has deleted (0 when none): every event after it is still stored. */
    async horizon() {
        const rows = await this.dataSource.query(`SELECT value FROM system_settings WHERE key = $1`, [exports.EVENT_HORIZON_KEY]);
        return rows.length === 0 ? 0n : BigInt(String(rows[0].value));
    }
    /** Throws CURSOR_EXPIRED when events after `after` were already deleted by retention. */
    async assertReplayable(after) {
        if (after < (await this.horizon()))
            throw cursorExpired(after);
    }
    /**
     * Events with `after < cursor <= through` (no upper bound when through is null) matching
     * the filter's agentId and kinds, oldest first, at most `limit`.
     */
    async readRange(after, through, filter, limit) {
        const params = [after.toString()];
        const where = ['cursor > $1'];
        if (through !== null) {
            params.push(through.toString());
            where.push(`cursor <= $${params.length}`);
        }
        if (filter.agentId) {
            params.push(filter.agentId);
            where.push(`agent_id = $${params.length}`);
        }
        if (filter.kinds && filter.kinds.length > 0) {
            params.push(filter.kinds);
            where.push(`kind = ANY($${params.length}::text[])`);
        }
        params.push(limit);
        const rows = await this.dataSource.query(`SELECT * FROM events WHERE ${where.join(' AND ')} ORDER BY cursor ASC LIMIT $${params.length}`, params);
        return rows.map(eventFromRow);
    }
    async list(filter, first) {
        (0, pagination_1.checkFirst)(first);
        const after = parseEventCursor(filter.after);
        if (filter.after !== undefined && filter.after !== null && after > 0n)
            await this.assertReplayable(after);
        const where = [];
        const params = [];
        if (filter.agentId) {
            params.push((0, ids_1.checkUuid)(filter.agentId, 'agentId'));
            where.push(`agent_id = $${params.length}`);
        }
        if (filter.kinds && filter.kinds.length > 0) {
            params.push(filter.kinds);
            where.push(`kind = ANY($${params.length}::text[])`);
        }
        const base = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
        const countRows = await this.dataSource.query(`SELECT count(*) AS count FROM events ${base}`, params);
        params.push(after.toString());
        const afterClause = `${where.length > 0 ? `${base} AND` : 'WHERE'} cursor > $${params.length}`;
        params.push(first + 1);
        const rows = await this.dataSource.query(`SELECT * FROM events ${afterClause} ORDER BY cursor ASC LIMIT $${params.length}`, params);
        return {
            events: rows.slice(0, first).map(eventFromRow),
            hasNextPage: rows.length > first,
            totalCount: Number(countRows[0].count),
        };
    }
}
exports.EventQueryService = EventQueryService;
//# sourceMappingURL=event-query.service.js.map