import type { DataSource } from 'typeorm';
import { checkUuid } from '../common/ids';
import { badInput } from '../errors/domain-error';

export interface MetricPointView {
  timestamp: Date;
  count: number;
  sum: number;
  avg: number;
  min: number;
  max: number;
}

export interface MetricQuery {
  name: string;
  agentId?: string | null;
  since?: Date | null;
  until?: Date | null;
  /** Bucket width, in seconds. Default 60. */
  bucketSeconds?: number | null;
}

/** Default window of a metrics query without `since`, in ms: the last hour. */
const DEFAULT_WINDOW_MS = 3_600_000;
/** At most this many buckets in one answer, so a tiny bucket over a long window cannot explode. */
const MAX_BUCKETS = 10_000;


/** Time-bucketed aggregates over agent_metrics. */
export class MetricQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async buckets(query: MetricQuery): Promise<MetricPointView[]> {
    const { bucketSeconds, since, until } = this.window(query);
    const agentId = query.agentId ? checkUuid(query.agentId, 'agentId') : null;
    const rows: BucketRow[] = await this.dataSource.query(
      `SELECT to_timestamp(floor(extract(epoch FROM recorded_at) / $5) * $5) AS bucket,
              count(*) AS count, sum(value)::float8 AS sum, avg(value)::float8 AS avg, min(value)::float8 AS min, max(value)::float8 AS max
       FROM agent_metrics
       WHERE name = $1 AND ($2::uuid IS NULL OR agent_id = $2) AND recorded_at >= $3 AND recorded_at < $4
       GROUP BY 1 ORDER BY 1`,
      [query.name, agentId, since, until, bucketSeconds],
    );
    return rows.map(pointFromRow);
  }

  /** Agent.metrics for many agents sharing the same arguments, in one statement. */
  async bucketsForAgents(agentIds: readonly string[], query: Omit<MetricQuery, 'agentId'>): Promise<MetricPointView[][]> {
    const { bucketSeconds, since, until } = this.window(query);
    const ids = agentIds.map((id) => id.toLowerCase());
    const rows: (BucketRow & { agent_id: string })[] = await this.dataSource.query(
      `SELECT agent_id, to_timestamp(floor(extract(epoch FROM recorded_at) / $5) * $5) AS bucket,
              count(*) AS count, sum(value)::float8 AS sum, avg(value)::float8 AS avg, min(value)::float8 AS min, max(value)::float8 AS max
       FROM agent_metrics
       WHERE name = $1 AND agent_id = ANY($2::uuid[]) AND recorded_at >= $3 AND recorded_at < $4
       GROUP BY 1, 2 ORDER BY 1, 2`,
      [query.name, ids, since, until, bucketSeconds],
    );
    const byAgent = new Map<string, MetricPointView[]>();
    for (const row of rows) byAgent.set(row.agent_id, [...(byAgent.get(row.agent_id) ?? []), pointFromRow(row)]);
    return ids.map((id) => byAgent.get(id) ?? []);
  }

  private window(query: Omit<MetricQuery, 'agentId'>): { bucketSeconds: number; since: Date; until: Date } {
    const bucketSeconds = query.bucketSeconds ?? 60;
    if (!Number.isInteger(bucketSeconds) || bucketSeconds < 1 || bucketSeconds > 31 * 86_400) throw badInput('bucketSeconds must be between 1 and 2678400', 'bucketSeconds');
    const until = query.until ?? new Date();
    const since = query.since ?? new Date(until.getTime() - DEFAULT_WINDOW_MS);
    if (since.getTime() > until.getTime()) throw badInput('since must not be after until', 'since');
    if ((until.getTime() - since.getTime()) / 1000 / bucketSeconds > MAX_BUCKETS) throw badInput(`the window holds more than ${MAX_BUCKETS} buckets: widen bucketSeconds`, 'bucketSeconds');
    return { bucketSeconds, since, until };
  }
}

interface BucketRow {
  bucket: Date;
  count: string;
  sum: number;
  avg: number;
  min: number;
  max: number;
}

function pointFromRow(row: BucketRow): MetricPointView {
  return { timestamp: row.bucket, count: Number(row.count), sum: row.sum, avg: row.avg, min: row.min, max: row.max };
}
