import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import type { NewEvent, NewLogLine, StoredEvent, StoredLogLine, EventKind, LogLevel } from './event-types';

/**
 * Key of the transaction-scoped advisory lock taken just before an event row is
 * inserted. Holding it until commit makes event cursors increase in commit order,
 * so a reader that has seen cursor N can never later find a committed N-1.
 */
const EVENT_ORDER_LOCK = 7_346_001;

/**
 * The channel a transaction NOTIFYs when it wrote events. PostgreSQL delivers a
 * notification only when (and if) its transaction commits, so a relay woken by it never
 * hears of a change that rolled back. The payload is the transaction's first cursor: a hint
 * only, relays always read every event after the last one they saw.
 */
export const EVENTS_CHANNEL = 'velocity_events';

/**
 * One database transaction that changes state. Every change records its event and
 * audit line through it, so the three commit together or not at all.
 */
export class ChangeTransaction {
  private readonly recorded: StoredEvent[] = [];
  private orderLockHeld = false;

  constructor(
    readonly manager: EntityManager,
    readonly actor: Actor,
  ) {}

  /** Events this transaction wrote so far (they reach subscribers through the relay once it commits). */
  get events(): readonly StoredEvent[] {
    return this.recorded;
  }

  /** Writes the audit line and the event of one change. */
  async record(event: NewEvent, audit: NewLogLine | null): Promise<StoredEvent> {
    const log = audit === null ? null : await this.insertLogLine(audit);
    const data = log === null ? event.data ?? null : { ...(event.data ?? {}), log };
    return this.insertEvent({ ...event, data });
  }

  /** A log line with no other state change: it is its own LOG event. */
  async log(line: NewLogLine): Promise<StoredEvent> {
    return this.record({ kind: 'LOG', agentId: line.agentId ?? null, taskId: line.taskId ?? null }, line);
  }

  private async insertLogLine(line: NewLogLine): Promise<StoredLogLine> {
    const rows: { id: string; timestamp: Date }[] = await this.manager.query(
      `INSERT INTO agent_logs (agent_id, task_id, level, message, metadata, actor, correlation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, timestamp`,
      [line.agentId ?? null, line.taskId ?? null, line.level, line.message, line.metadata ?? null, this.actor.name, this.actor.correlationId],
    );
    const row = rows[0]!;
    return {
      id: String(row.id),
      agentId: line.agentId ?? null,
      taskId: line.taskId ?? null,
      level: line.level as LogLevel,
      message: line.message,
      metadata: line.metadata ?? null,
      actor: this.actor.name,
      correlationId: this.actor.correlationId,
      timestamp: row.timestamp.toISOString(),
    };
  }

  private async insertEvent(event: NewEvent): Promise<StoredEvent> {
    const first = !this.orderLockHeld;
    if (first) {
      await this.manager.query('SELECT pg_advisory_xact_lock($1)', [EVENT_ORDER_LOCK]);
      this.orderLockHeld = true;
    }
    // One NOTIFY per transaction (with its first event, in the same round trip): it covers
    // every event the transaction writes, since they all commit together.
    const insert = `INSERT INTO events (kind, agent_id, task_id, workflow_run_id, status, previous_status, data, actor, correlation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING cursor, at`;
    const rows: { cursor: string; at: Date }[] = await this.manager.query(
      first ? `WITH inserted AS (${insert}) SELECT cursor, at, pg_notify('${EVENTS_CHANNEL}', cursor::text) FROM inserted` : insert,
      [
        event.kind,
        event.agentId ?? null,
        event.taskId ?? null,
        event.workflowRunId ?? null,
        event.status ?? null,
        event.previousStatus ?? null,
        event.data ?? null,
        this.actor.name,
        this.actor.correlationId,
      ],
    );
    const row = rows[0]!;
    const stored: StoredEvent = {
      cursor: String(row.cursor),
      kind: event.kind as EventKind,
      at: row.at,
      agentId: event.agentId ?? null,
      taskId: event.taskId ?? null,
      workflowRunId: event.workflowRunId ?? null,
      status: event.status ?? null,
      previousStatus: event.previousStatus ?? null,
      data: event.data ?? null,
      actor: this.actor.name,
      correlationId: this.actor.correlationId,
    };
    this.recorded.push(stored);
    return stored;
  }
}
