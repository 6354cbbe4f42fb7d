"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TaskQueryService = void 0;
const ids_1 = require("../common/ids");
const keyset_1 = require("../common/keyset");
const pagination_1 = require("../common/pagination");
const task_row_1 = require("./task-row");
/** Reading tasks: newest first, keyset pagination, batched per agent for the field loaders. */
class TaskQueryService {
    dataSource;
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    async getMany(ids) {
        const valid = [...new Set(ids.filter(ids_1.isUuid).map((id) => id.toLowerCase()))];
        const rows = valid.length === 0 ? [] : await this.dataSource.query(`SELECT ${task_row_1.TASK_COLUMNS} FROM agent_tasks t WHERE t.id = ANY($1::uuid[])`, [valid]);
        const byId = new Map(rows.map((row) => [row.id, (0, task_row_1.taskFromRow)(row)]));
        return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
    }
    async list(filter, first, after) {
        (0, pagination_1.checkFirst)(first);
        const where = [];
        const params = [];
        const add = (sql, value) => {
            params.push(value);
            where.push(sql.replace('?', `$${params.length}`));
        };
        if (filter.agentId)
            add('t.agent_id = ?', (0, ids_1.checkUuid)(filter.agentId, 'filter.agentId'));
        if (filter.status)
            add('t.status = ?', filter.status);
        if (filter.type)
            add('t.type = ?', filter.type);
        if (filter.workflowRunId)
            add('t.workflow_run_id = ?', (0, ids_1.checkUuid)(filter.workflowRunId, 'filter.workflowRunId'));
        const base = where.length > 0 ? where.join(' AND ') : 'TRUE';
        const counted = await this.dataSource.query(`SELECT count(*) AS count FROM agent_tasks t WHERE ${base}`, params);
        const keyset = (0, keyset_1.newestFirstAfter)(after, 't', params.length);
        const pageParams = [...params, ...keyset.params, first + 1];
        const rows = await this.dataSource.query(`SELECT ${task_row_1.TASK_COLUMNS} FROM agent_tasks t WHERE ${base} AND ${keyset.sql}
       ORDER BY ${(0, keyset_1.newestFirstOrder)('t')} LIMIT $${pageParams.length}`, pageParams);
        const items = rows.slice(0, first).map(task_row_1.taskFromRow);
        return { items, cursors: items.map((task) => (0, pagination_1.timeCursor)(task.createdAt, task.id)), hasNextPage: rows.length > first, totalCount: Number(counted[0].count) };
    }
    /**
     * One page per agent for many agents sharing the same arguments, in two statements
     * whatever the number of agents (a window function ranks each agent's tasks).
     */
    async pagesForAgents(agentIds, status, first, after) {
        (0, pagination_1.checkFirst)(first);
        const ids = agentIds.map((id) => id.toLowerCase());
        const statusSql = status === null ? 'TRUE' : 't.status = $2';
        const baseParams = status === null ? [ids] : [ids, status];
        const keyset = (0, keyset_1.newestFirstAfter)(after, 't', baseParams.length);
        const params = [...baseParams, ...keyset.params, first + 1];
        // Without a cursor the window count is each agent's total: one statement for the whole batch.
        const rows = await this.dataSource.query(`SELECT * FROM (
         SELECT ${task_row_1.TASK_COLUMNS}, row_number() OVER (PARTITION BY t.agent_id ORDER BY ${(0, keyset_1.newestFirstOrder)('t')}) AS rank,
                count(*) OVER (PARTITION BY t.agent_id) AS total
         FROM agent_tasks t WHERE t.agent_id = ANY($1::uuid[]) AND ${statusSql} AND ${keyset.sql}
       ) ranked WHERE rank <= $${params.length} ORDER BY agent_id, rank`, params);
        const counts = after === null
            ? [...new Map(rows.map((row) => [row.agent_id, { agent_id: row.agent_id, count: row.total }])).values()]
            : await this.dataSource.query(`SELECT t.agent_id, count(*) AS count FROM agent_tasks t WHERE t.agent_id = ANY($1::uuid[]) AND ${statusSql} GROUP BY t.agent_id`, baseParams);
        const countByAgent = new Map(counts.map((row) => [row.agent_id, Number(row.count)]));
        const rowsByAgent = new Map();
        for (const row of rows) {
            const list = rowsByAgent.get(row.agent_id) ?? [];
            list.push((0, task_row_1.taskFromRow)(row));
            rowsByAgent.set(row.agent_id, list);
        }
        return ids.map((agentId) => {
            const all = rowsByAgent.get(agentId) ?? [];
            const items = all.slice(0, first);
            return { items, cursors: items.map((task) => (0, pagination_1.timeCursor)(task.createdAt, task.id)), hasNextPage: all.length > first, totalCount: countByAgent.get(agentId) ?? 0 };
        });
    }
}
exports.TaskQueryService = TaskQueryService;
//# sourceMappingURL=task-query.service.js.map