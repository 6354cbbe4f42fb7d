import type { MetricPoint } from '../api/types';

export interface MetricsReply {
  duration: Pick<MetricPoint, 'timestamp' | 'count' | 'avg' | 'max'>[];
  succeeded: Pick<MetricPoint, 'timestamp' | 'count' | 'sum'>[];
  failed: Pick<MetricPoint, 'timestamp' | 'count' | 'sum'>[];
}

/** uPlot's columns: x in seconds (bucket starts), then avg duration, succeeded, failed; null: nothing in that bucket. */
export type ChartColumns = [number[], (number | null)[], (number | null)[], (number | null)[]];

/**
 * Aligns the three metrics on every bucket of the window, so the time axis always spans the
 * whole window and an idle minute shows as a gap rather than being skipped.
 */
export function chartColumns(reply: MetricsReply, sinceMs: number, untilMs: number, bucketSeconds: number): ChartColumns {
  const bucketMs = bucketSeconds * 1_000;
  const first = Math.floor(sinceMs / bucketMs) * bucketMs;
  const index = (iso: string): number => Math.floor(Date.parse(iso) / bucketMs) * bucketMs;
  const duration = new Map(reply.duration.map((point) => [index(point.timestamp), point.avg]));
  const succeeded = new Map(reply.succeeded.map((point) => [index(point.timestamp), point.count]));
  const failed = new Map(reply.failed.map((point) => [index(point.timestamp), point.count]));
  const columns: ChartColumns = [[], [], [], []];
  for (let at = first; at <= untilMs; at += bucketMs) {
    columns[0].push(at / 1_000);
    columns[1].push(duration.get(at) ?? null);
    columns[2].push(succeeded.get(at) || null);
    columns[3].push(failed.get(at) || null);
  }
  return columns;
}
