"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AuditLogService = void 0;
const ids_1 = require("../common/ids");
const keyset_1 = require("../common/keyset");
const pagination_1 = require("../common/pagination");
const event_types_1 = require("../events/event-types");
function lineFromRow(row) {
    return {
        id: String(row.id),
        agentId: row.agent_id,
        taskId: row.task_id,
        level: row.level,
        message: row.message,
        metadata: row.metadata,
        actor: row.actor,
        correlationId: row.correlation_id,
        timestamp: row.timestamp,
    };
}
function levelsFrom(minLevel) {
    if (!minLevel)
        return null;
    return event_types_1.LOG_LEVELS.filter((level) => (0, event_types_1.logLevelRank)(level) >= (0, event_types_1.logLevelRank)(minLevel));
}
const COLUMNS = 'l.id, l.agent_id, l.task_id, l.level, l.message, l.metadata, l.actor, l.correlation_id, l.timestamp';
/** Reads the audit log (agent_logs), newest first. Writing goes through ChangeTransaction only. */
class AuditLogService {
    dataSource;
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    async list(filter, first, after) {
        (0, pagination_1.checkFirst)(first);
        const where = [];
        const params = [];
        if (filter.agentId) {
            params.push((0, ids_1.checkUuid)(filter.agentId, 'agentId'));
            where.push(`l.agent_id = $${params.length}`);
        }
        if (filter.actor) {
            params.push(filter.actor);
            where.push(`l.actor = $${params.length}`);
        }
        const levels = levelsFrom(filter.minLevel);
        if (levels) {
            params.push(levels);
            where.push(`l.level = ANY($${params.length}::text[])`);
        }
        const base = where.length > 0 ? where.join(' AND ') : 'TRUE';
        const counted = await this.dataSource.query(`SELECT count(*) AS count FROM agent_logs l WHERE ${base}`, params);
        const afterId = (0, keyset_1.parseIdCursor)(after);
        const pageParams = [...params];
        let afterSql = 'TRUE';
        if (afterId !== null) {
            pageParams.push(afterId);
            afterSql = `l.id < $${pageParams.length}`;
        }
        pageParams.push(first + 1);
        const rows = await this.dataSource.query(`SELECT ${COLUMNS} FROM agent_logs l WHERE ${base} AND ${afterSql} ORDER BY l.id DESC LIMIT $${pageParams.length}`, pageParams);
        const items = rows.slice(0, first).map(lineFromRow);
        return { items, cursors: items.map((line) => (0, keyset_1.idCursor)(line.id)), hasNextPage: rows.length > first, totalCount: Number(counted[0].count) };
    }
    /** Agent.logs for many agents sharing the same arguments, in two statements. */
    async pagesForAgents(agentIds, minLevel, first, after) {
        (0, pagination_1.checkFirst)(first);
        const ids = agentIds.map((id) => id.toLowerCase());
        const levels = levelsFrom(minLevel) ?? [...event_types_1.LOG_LEVELS];
        const counts = await this.dataSource.query(`SELECT l.agent_id, count(*) AS count FROM agent_logs l WHERE l.agent_id = ANY($1::uuid[]) AND l.level = ANY($2::text[]) GROUP BY l.agent_id`, [ids, levels]);
        const afterId = (0, keyset_1.parseIdCursor)(after);
        const rows = await this.dataSource.query(`SELECT * FROM (
         SELECT ${COLUMNS}, row_number() OVER (PARTITION BY l.agent_id ORDER BY l.id DESC) AS rank
         FROM agent_logs l WHERE l.agent_id = ANY($1::uuid[]) AND l.level = ANY($2::text[]) AND ($3::bigint IS NULL OR l.id < $3::bigint)
       ) ranked WHERE rank <= $4 ORDER BY agent_id, rank`, [ids, levels, afterId, first + 1]);
        const countByAgent = new Map(counts.map((row) => [row.agent_id, Number(row.count)]));
        const byAgent = new Map();
        for (const row of rows) {
            const list = byAgent.get(row.agent_id) ?? [];
            list.push(lineFromRow(row));
            byAgent.set(row.agent_id, list);
        }
        return ids.map((agentId) => {
            const all = byAgent.get(agentId) ?? [];
            const items = all.slice(0, first);
            return { items, cursors: items.map((line) => (0, keyset_1.idCursor)(line.id)), hasNextPage: all.length > first, totalCount: countByAgent.get(agentId) ?? 0 };
        });
    }
}
exports.AuditLogService = AuditLogService;
//# sourceMappingURL=audit-log.service.js.map