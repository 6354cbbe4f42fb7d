"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MetricQueryService = void 0;
const ids_1 = require("../common/ids");
const domain_error_1 = require("../errors/domain-error");
/** Default window of a metrics query without `since`, in ms: the last hour. */
const DEFAULT_WINDOW_MS = 3_600_000;
/** At most this many buckets in one answer, so a tiny bucket over a long window cannot explode. */
const MAX_BUCKETS = 10_000;
/** Time-bucketed aggregates over agent_metrics. */
class MetricQueryService {
    dataSource;
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    async buckets(query) {
        const { bucketSeconds, since, until } = this.window(query);
        const agentId = query.agentId ? (0, ids_1.checkUuid)(query.agentId, 'agentId') : null;
        const rows = await this.dataSource.query(`SELECT to_timestamp(floor(extract(epoch FROM recorded_at) / $5) * $5) AS bucket,
              count(*) AS count, sum(value)::float8 AS sum, avg(value)::float8 AS avg, min(value)::float8 AS min, max(value)::float8 AS max
       FROM agent_metrics
       WHERE name = $1 AND ($2::uuid IS NULL OR agent_id = $2) AND recorded_at >= $3 AND recorded_at < $4
       GROUP BY 1 ORDER BY 1`, [query.name, agentId, since, until, bucketSeconds]);
        return rows.map(pointFromRow);
    }
    /** Agent.metrics for many agents sharing the same arguments, in one statement. */
    async bucketsForAgents(agentIds, query) {
        const { bucketSeconds, since, until } = this.window(query);
        const ids = agentIds.map((id) => id.toLowerCase());
        const rows = await this.dataSource.query(`SELECT agent_id, to_timestamp(floor(extract(epoch FROM recorded_at) / $5) * $5) AS bucket,
              count(*) AS count, sum(value)::float8 AS sum, avg(value)::float8 AS avg, min(value)::float8 AS min, max(value)::float8 AS max
       FROM agent_metrics
       WHERE name = $1 AND agent_id = ANY($2::uuid[]) AND recorded_at >= $3 AND recorded_at < $4
       GROUP BY 1, 2 ORDER BY 1, 2`, [query.name, ids, since, until, bucketSeconds]);
        const byAgent = new Map();
        for (const row of rows)
            byAgent.set(row.agent_id, [...(byAgent.get(row.agent_id) ?? []), pointFromRow(row)]);
        return ids.map((id) => byAgent.get(id) ?? []);
    }
    window(query) {
        const bucketSeconds = query.bucketSeconds ?? 60;
        if (!Number.isInteger(bucketSeconds) || bucketSeconds < 1 || bucketSeconds > 31 * 86_400)
            throw (0, domain_error_1.badInput)('bucketSeconds must be between 1 and 2678400', 'bucketSeconds');
        const until = query.until ?? new Date();
        const since = query.since ?? new Date(until.getTime() - DEFAULT_WINDOW_MS);
        if (since.getTime() > until.getTime())
            throw (0, domain_error_1.badInput)('since must not be after until', 'since');
        if ((until.getTime() - since.getTime()) / 1000 / bucketSeconds > MAX_BUCKETS)
            throw (0, domain_error_1.badInput)(`the window holds more than ${MAX_BUCKETS} buckets: widen bucketSeconds`, 'bucketSeconds');
        return { bucketSeconds, since, until };
    }
}
exports.MetricQueryService = MetricQueryService;
function pointFromRow(row) {
    return { timestamp: row.bucket, count: Number(row.count), sum: row.sum, avg: row.avg, min: row.min, max: row.max };
}
//# sourceMappingURL=metric-query.service.js.map