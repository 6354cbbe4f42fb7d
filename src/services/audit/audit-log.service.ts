import type { DataSource } from 'typeorm';
import { checkUuid } from '../common/ids';
import { idCursor, parseIdCursor } from '../common/keyset';
import { checkFirst, countsPerAgent, pagesPerAgent, type Page, type UncountedPage } from '../common/pagination';
import { LOG_LEVELS, logLevelRank, type LogLevel } from '../events/event-types';

export interface AuditLogLine {
  id: string;
  agentId: string | null;
  taskId: string | null;
  level: LogLevel;
  message: string;
  metadata: unknown;
  actor: string | null;
  correlationId: string | null;
  timestamp: Date;
}

export interface AuditLogFilter {
  agentId?: string | null;
  actor?: string | null;
  minLevel?: LogLevel | null;
}

interface LogRow {
  id: string;
  agent_id: string | null;
  task_id: string | null;
  level: LogLevel;
  message: string;
  metadata: unknown;
  actor: string | null;
  correlation_id: string | null;
  timestamp: Date;
}

function lineFromRow(row: LogRow): AuditLogLine {
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

function levelsFrom(minLevel: LogLevel | null | undefined): LogLevel[] | null {
  if (!minLevel) return null;
  return LOG_LEVELS.filter((level) => logLevelRank(level) >= logLevelRank(minLevel));
}

const COLUMNS = 'l.id, l.agent_id, l.task_id, l.level, l.message, l.metadata, l.actor, l.correlation_id, l.timestamp';

/** Reads the audit log (agent_logs), newest first. Writing goes through ChangeTransaction only. */
export class AuditLogService {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: AuditLogFilter, first: number, after: string | null | undefined): Promise<Page<AuditLogLine>> {
    checkFirst(first);
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.agentId) {
      params.push(checkUuid(filter.agentId, 'agentId'));
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
    const counted: { count: string }[] = await this.dataSource.query(`SELECT count(*) AS count FROM agent_logs l WHERE ${base}`, params);
    const afterId = parseIdCursor(after);
    const pageParams = [...params];
    let afterSql = 'TRUE';
    if (afterId !== null) {
      pageParams.push(afterId);
      afterSql = `l.id < $${pageParams.length}`;
    }
    pageParams.push(first + 1);
    const rows: LogRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM agent_logs l WHERE ${base} AND ${afterSql} ORDER BY l.id DESC LIMIT $${pageParams.length}`,
      pageParams,
    );
    const items = rows.slice(0, first).map(lineFromRow);
    return { items, cursors: items.map((line) => idCursor(line.id)), hasNextPage: rows.length > first, totalCount: Number(counted[0]!.count) };
  }

  /**
   * Agent.logs for many agents sharing the same arguments, in one statement: each agent's page
   * is read backwards along `ix_agent_logs_agent` and stops after `first + 1` lines, so a page
   * costs its own lines however long the agent's history. The totals are apart (countsForAgents).
   *
   * The agent is matched by a range of one value, not `=`, and the order names it: with `=` the
   * planner may walk the primary key backwards and filter on the agent, guessing every agent's
   * lines are spread evenly through the log; a quiet agent's page then reads a busy agent's whole
   * history (6,030 rows for a page of 4 in the test). Ordered by the agent first, only this
   * index gives the order.
   */
  async pagesForAgents(agentIds: readonly string[], minLevel: LogLevel | null, first: number, after: string | null): Promise<UncountedPage<AuditLogLine>[]> {
    checkFirst(first);
    const ids = agentIds.map((id) => id.toLowerCase());
    // Each agent once: a second copy would read its page twice into the same list.
    const distinct = [...new Set(ids)];
    const levels = levelsFrom(minLevel) ?? [...LOG_LEVELS];
    const afterId = parseIdCursor(after);
    const rows: LogRow[] = await this.dataSource.query(
      `SELECT page.* FROM unnest($1::uuid[]) WITH ORDINALITY AS a(agent_id, position)
       CROSS JOIN LATERAL (
         SELECT ${COLUMNS} FROM agent_logs l
         WHERE l.agent_id >= a.agent_id AND l.agent_id <= a.agent_id
           AND l.level = ANY($2::text[]) AND ($3::bigint IS NULL OR l.id < $3::bigint)
         ORDER BY l.agent_id DESC, l.id DESC LIMIT $4
       ) page
       ORDER BY a.position, page.id DESC`,
      [distinct, levels, afterId, first + 1],
    );
    return pagesPerAgent(ids, rows.map(lineFromRow), first, (line) => line.agentId, (line) => idCursor(line.id));
  }

  /** How many lines each agent has at `minLevel` or above, in one statement. */
  async countsForAgents(agentIds: readonly string[], minLevel: LogLevel | null): Promise<number[]> {
    const ids = agentIds.map((id) => id.toLowerCase());
    const levels = levelsFrom(minLevel) ?? [...LOG_LEVELS];
    const counts: { agent_id: string; count: string }[] = await this.dataSource.query(
      `SELECT l.agent_id, count(*) AS count FROM agent_logs l WHERE l.agent_id = ANY($1::uuid[]) AND l.level = ANY($2::text[]) GROUP BY l.agent_id`,
      [ids, levels],
    );
    return countsPerAgent(ids, counts);
  }
}
