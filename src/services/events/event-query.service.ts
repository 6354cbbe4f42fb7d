import type { DataSource } from 'typeorm';
import { badInput, DomainError } from '../errors/domain-error';
import { checkUuid } from '../common/ids';
import { checkFirst } from '../common/pagination';
import type { EventKind, StoredEvent } from './event-types';

export interface EventFilter {
  /** "0" or omitted: from the oldest retained event; a cursor: strictly after it. */
  after?: string | null | undefined;
  agentId?: string | null | undefined;
  kinds?: readonly EventKind[] | null | undefined;
}

export interface EventPage {
  events: StoredEvent[];
  hasNextPage: boolean;
  totalCount: number;
}

/** The settings row holding the highest cursor the retention job has deleted. */
export const EVENT_HORIZON_KEY = 'events.deleted_through';

/** A row of the events table as node-postgres reads it. */
export interface EventRow {
  cursor: string;
  kind: EventKind;
  at: Date;
  agent_id: string | null;
  task_id: string | null;
  workflow_run_id: string | null;
  status: string | null;
  previous_status: string | null;
  data: Record<string, unknown> | null;
  actor: string | null;
  correlation_id: string | null;
}

export function eventFromRow(row: EventRow): StoredEvent {
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

export function cursorExpired(after: bigint): DomainError {
  return new DomainError('CURSOR_EXPIRED', `events after cursor ${after} are older than the retention window and were deleted; resume from "0"`);
}

export function parseEventCursor(after: string | null | undefined): bigint {
  if (after === undefined || after === null || after === '') return 0n;
  if (!/^\d{1,19}$/.test(after)) throw badInput('after must be an event cursor', 'after');
  return BigInt(after);
}

/** Reads the durable event stream: the source of truth behind every live subscription. */
export class EventQueryService {
  constructor(private readonly dataSource: DataSource) {}

  /** The highest cursor retention has deleted (0 when none): every event after it is still stored. */
  async horizon(): Promise<bigint> {
    const rows: { value: unknown }[] = await this.dataSource.query(`SELECT value FROM system_settings WHERE key = $1`, [EVENT_HORIZON_KEY]);
    return rows.length === 0 ? 0n : BigInt(String(rows[0]!.value));
  }

  /** Throws CURSOR_EXPIRED when events after `after` were already deleted by retention. */
  async assertReplayable(after: bigint): Promise<void> {
    if (after < (await this.horizon())) throw cursorExpired(after);
  }

  /**
   * Events with `after < cursor <= through` (no upper bound when through is null) matching
   * the filter's agentId and kinds, oldest first, at most `limit`.
   */
  async readRange(after: bigint, through: bigint | null, filter: Pick<EventFilter, 'agentId' | 'kinds'>, limit: number): Promise<StoredEvent[]> {
    const params: unknown[] = [after.toString()];
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
    const rows: EventRow[] = await this.dataSource.query(`SELECT * FROM events WHERE ${where.join(' AND ')} ORDER BY cursor ASC LIMIT $${params.length}`, params);
    return rows.map(eventFromRow);
  }

  async list(filter: EventFilter, first: number): Promise<EventPage> {
    checkFirst(first);
    const after = parseEventCursor(filter.after);
    if (filter.after !== undefined && filter.after !== null && after > 0n) await this.assertReplayable(after);
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.agentId) {
      params.push(checkUuid(filter.agentId, 'agentId'));
      where.push(`agent_id = $${params.length}`);
    }
    if (filter.kinds && filter.kinds.length > 0) {
      params.push(filter.kinds);
      where.push(`kind = ANY($${params.length}::text[])`);
    }
    const base = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const countRows: { count: string }[] = await this.dataSource.query(`SELECT count(*) AS count FROM events ${base}`, params);
    params.push(after.toString());
    const afterClause = `${where.length > 0 ? `${base} AND` : 'WHERE'} cursor > $${params.length}`;
    params.push(first + 1);
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT * FROM events ${afterClause} ORDER BY cursor ASC LIMIT $${params.length}`,
      params,
    );
    return {
      events: rows.slice(0, first).map(eventFromRow),
      hasNextPage: rows.length > first,
      totalCount: Number(countRows[0]!.count),
    };
  }
}
