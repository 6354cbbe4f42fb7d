"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.OverviewService = exports.TASK_STATUSES = void 0;
exports.sameOverview = sameOverview;
const agent_service_1 = require("../agents/agent.service");
exports.TASK_STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];
/** Whether two overviews say the same (ignoring when they were computed). */
function sameOverview(a, b) {
    const counts = (list) => list.map((entry) => `${entry.status}:${entry.count}`).join(',');
    return (counts(a.agentsByStatus) === counts(b.agentsByStatus) &&
        counts(a.tasksByStatus) === counts(b.tasksByStatus) &&
        a.queueDepth === b.queueDepth &&
        a.tasksPerMinute === b.tasksPerMinute);
}
/** Computes the system overview with one SQL statement. */
class OverviewService {
    dataSource;
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    async compute() {
        const rows = await this.dataSource.query(`SELECT
         (SELECT json_agg(json_build_object('status', s.status, 'count', coalesce(c.count, 0)) ORDER BY s.ord)
            FROM unnest($1::text[]) WITH ORDINALITY AS s(status, ord)
            LEFT JOIN (SELECT status, count(*)::int AS count FROM agent_instances WHERE deleted_at IS NULL GROUP BY status) c USING (status)) AS agents,
         (SELECT json_agg(json_build_object('status', s.status, 'count', coalesce(c.count, 0)) ORDER BY s.ord)
            FROM unnest($2::text[]) WITH ORDINALITY AS s(status, ord)
            LEFT JOIN (SELECT status, count(*)::int AS count FROM agent_tasks GROUP BY status) c USING (status)) AS tasks,
         (SELECT count(*)::int FROM agent_tasks WHERE status = 'QUEUED' AND (run_at IS NULL OR run_at <= now())) AS queue_depth,
         (SELECT count(*)::int FROM agent_tasks WHERE status IN ('SUCCEEDED', 'FAILED') AND completed_at > now() - interval '60 seconds') AS finished_last_minute,
         now() AS at`, [agent_service_1.AGENT_STATUSES, exports.TASK_STATUSES]);
        const row = rows[0];
        return {
            agentsByStatus: row.agents,
            tasksByStatus: row.tasks,
            queueDepth: row.queue_depth,
            tasksPerMinute: row.finished_last_minute,
            at: row.at,
        };
    }
}
exports.OverviewService = OverviewService;
//# sourceMappingURL=overview.service.js.map