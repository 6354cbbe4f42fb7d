import type { DataSource } from 'typeorm';
import { AGENT_STATUSES } from '../agents/agent.service';

export const TASK_STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const;

export interface StatusCountView {
  status: string;
  count: number;
}

/** The whole system at a glance. */
export interface SystemOverviewView {
  /** Every agent status (zero counts included, in lifecycle order); deleted agents are not counted. */
  agentsByStatus: StatusCountView[];
  /** Every task status, zero counts included. */
  tasksByStatus: StatusCountView[];
  /** Tasks QUEUED whose run time has come (waiting for a worker or a free concurrency slot). */
  queueDepth: number;
  /** Tasks that reached SUCCEEDED or FAILED in the last 60 seconds. */
  tasksPerMinute: number;
  /** When PostgreSQL computed it. */
  at: Date;
}

interface OverviewRow {
  agents: StatusCountView[];
  tasks: StatusCountView[];
  queue_depth: number;
  finished_last_minute: number;
  at: Date;
}

/** Whether two overviews say the same (ignoring when they were computed). */
export function sameOverview(a: SystemOverviewView, b: SystemOverviewView): boolean {
  const counts = (list: StatusCountView[]): string => list.map((entry) => `${entry.status}:${entry.count}`).join(',');
  return (
    counts(a.agentsByStatus) === counts(b.agentsByStatus) &&
    counts(a.tasksByStatus) === counts(b.tasksByStatus) &&
    a.queueDepth === b.queueDepth &&
    a.tasksPerMinute === b.tasksPerMinute
  );
}

/** Computes the system overview with one SQL statement. */
export class OverviewService {
  constructor(private readonly dataSource: DataSource) {}

  async compute(): Promise<SystemOverviewView> {
    const rows: OverviewRow[] = await this.dataSource.query(
      `SELECT
         (SELECT json_agg(json_build_object('status', s.status, 'count', coalesce(c.count, 0)) ORDER BY s.ord)
            FROM unnest($1::text[]) WITH ORDINALITY AS s(status, ord)
            LEFT JOIN (SELECT status, count(*)::int AS count FROM agent_instances WHERE deleted_at IS NULL GROUP BY status) c USING (status)) AS agents,
         (SELECT json_agg(json_build_object('status', s.status, 'count', coalesce(c.count, 0)) ORDER BY s.ord)
            FROM unnest($2::text[]) WITH ORDINALITY AS s(status, ord)
            LEFT JOIN (SELECT status, count(*)::int AS count FROM agent_tasks GROUP BY status) c USING (status)) AS tasks,
         (SELECT count(*)::int FROM agent_tasks WHERE status = 'QUEUED' AND (run_at IS NULL OR run_at <= now())) AS queue_depth,
         (SELECT count(*)::int FROM agent_tasks WHERE status IN ('SUCCEEDED', 'FAILED') AND completed_at > now() - interval '60 seconds') AS finished_last_minute,
         now() AS at`,
      [AGENT_STATUSES, TASK_STATUSES],
    );
    const row = rows[0]!;
    return {
      agentsByStatus: row.agents,
      tasksByStatus: row.tasks,
      queueDepth: row.queue_depth,
      tasksPerMinute: row.finished_last_minute,
      at: row.at,
    };
  }
}
