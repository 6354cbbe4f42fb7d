import type { DataSource } from 'typeorm';
import { checkUuid } from '../common/ids';
import { idCursor, parseIdCursor } from '../common/keyset';
import { checkFirst, type Page } from '../common/pagination';
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

  /** Agent.logs for many agents sharing the same arguments, in two statements. */
  async pagesForAgents(agentIds: readonly string[], minLevel: LogLevel | null, first: number, after: string | null): Promise<Page<AuditLogLine>[]> {
    checkFirst(first);
    const ids = agentIds.map((id) => id.toLowerCase());
    const levels = levelsFrom(minLevel) ?? [...LOG_LEVELS];
    const counts: { agent_id: string; count: string }[] = await this.dataSource.query(
      `SELECT l.agent_id, count(*) AS count FROM agent_logs l WHERE l.agent_id = ANY($1::uuid[]) AND l.level = ANY($2::text[]) GROUP BY l.agent_id`,
      [ids, levels],
    );
    const afterId = parseIdCursor(after);
    const rows: (LogRow & { rank: string })[] = await this.dataSource.query(
      `SELECT * FROM (
         SELECT ${COLUMNS}, row_number() OVER (PARTITION BY l.agent_id ORDER BY l.id DESC) AS rank
         FROM agent_logs l WHERE l.agent_id = ANY($1::uuid[]) AND l.level = ANY($2::text[]) AND ($3::bigint IS NULL OR l.id < $3::bigint)
       ) ranked WHERE rank <= $4 ORDER BY agent_id, rank`,
      [ids, levels, afterId, first + 1],
    );
    const countByAgent = new Map(counts.map((row) => [row.agent_id, Number(row.count)]));
    const byAgent = new Map<string, AuditLogLine[]>();
    for (const row of rows) {
      const list = byAgent.get(row.agent_id!) ?? [];
      list.push(lineFromRow(row));
      byAgent.set(row.agent_id!, list);
    }
    return ids.map((agentId) => {
      const all = byAgent.get(agentId) ?? [];
      const items = all.slice(0, first);
      return { items, cursors: items.map((line) => idCursor(line.id)), hasNextPage: all.length > first, totalCount: countByAgent.get(agentId) ?? 0 };
    });
  }
}
