import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import type { NewEvent, NewLogLine } from './event-types';
import { sqlLiteral, sqlJsonLiteral } from '../../db/sql-literal';

/**
 * The channel the event sequencer NOTIFYs when a pass numbered events. PostgreSQL delivers a
 * notification only when (and if) its transaction commits, so a relay woken by it never
 * hears of events that are not there. A wake-up only: relays read every event after the last
 * one they saw.
 */
export const EVENTS_CHANNEL = 'velocity_events';

const EVENT_COLUMNS = 'kind, agent_id, task_id, workflow_run_id, status, previous_status, data, actor, correlation_id';

/** A change's event and its audit line, written by the commit message. */
interface PendingChange {
  event: NewEvent;
  audit: NewLogLine | null;
}

/** The stored audit line's time as JavaScript prints it (ISO 8601, milliseconds, UTC). */
const LOG_TIMESTAMP_JSON = `to_char(l.timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * One database transaction that changes state. Every change records its event and
 * audit line through it, so the three commit together or not at all.
 *
 * Events and audit lines are written by the commit message, together with the statements of
 * `atCommit` and the COMMIT: one round trip, so the locks that serialise commits are held for
 * no longer than the server needs, and a change costs no round trip for its records.
 */
export class ChangeTransaction {
  private readonly pending: PendingChange[] = [];
  private readonly commitStatements: string[] = [];
  private outboxIds: string[] = [];
  private writtenAt: string | null = null;

  constructor(
    readonly manager: EntityManager,
    readonly actor: Actor,
  ) {}

  /** Records one change: its event and its audit line are written at commit. */
  async record(event: NewEvent, audit: NewLogLine | null): Promise<void> {
    this.pending.push({ event, audit });
  }

  /** A log line with no other state change: it is its own LOG event. */
  async log(line: NewLogLine): Promise<void> {
    await this.record({ kind: 'LOG', agentId: line.agentId ?? null, taskId: line.taskId ?? null }, line);
  }

  /**
   * A statement run in the commit message, before the events: a write nothing in this
   * transaction reads back, or a check that needs a hot lock (held from there to commit, with
   * no round trip in between; it may raise to abort the whole transaction). Every value in
   * its text must come from `sqlLiteral`.
   */
  atCommit(statement: string): void {
    this.commitStatements.push(statement);
  }

  /** Agents this transaction recorded changes of (their cached reads are stale once it commits). */
  get agentIds(): ReadonlySet<string> {
    const ids = new Set<string>();
    for (const { event } of this.pending) if (event.agentId) ids.add(event.agentId);
    return ids;
  }

  /** Outbox ids of the events this transaction wrote, in order: known once it committed. */
  get committedOutboxIds(): readonly string[] {
    return this.outboxIds;
  }

  /** The time its events carry (the transaction's start): with the actor, it finds them in `events`. */
  get eventsAt(): string | null {
    return this.writtenAt;
  }

  /** Takes the outbox ids from the results of `commitMessage` (one result per statement). */
  acceptCommitResults(results: readonly { rows: { id?: string; at?: string }[] }[]): void {
    const first = this.commitStatements.length;
    const rows = results.slice(first, first + this.pending.length).map((result) => result.rows[0]);
    this.outboxIds = rows.map((row) => String(row?.id));
    this.writtenAt = rows[0]?.at ?? null;
  }

  /**
   * The text that ends this transaction: the `atCommit` statements, the audit lines and
   * events, and COMMIT, sent as one simple-protocol message. Null when there is nothing but
   * the COMMIT to send.
   */
  commitMessage(): string | null {
    if (this.pending.length === 0 && this.commitStatements.length === 0) return null;
    const parts = [...this.commitStatements];
    // Events go to the outbox, with no lock: the sequencer numbers them once committed.
    for (const change of this.pending) parts.push(this.changeStatement(change));
    parts.push('COMMIT');
    return parts.join(';\n');
  }

  private changeStatement({ event, audit }: PendingChange): string {
    // Typed: in INSERT … SELECT an untyped literal would be text, and text does not assign to uuid.
    const head = `${sqlLiteral(event.kind)}::text, ${sqlLiteral(event.agentId ?? null)}::uuid, ${sqlLiteral(event.taskId ?? null)}::uuid, ${sqlLiteral(event.workflowRunId ?? null)}::uuid, ${sqlLiteral(event.status ?? null)}::text, ${sqlLiteral(event.previousStatus ?? null)}::text`;
    const tail = `${sqlLiteral(this.actor.name)}::text, ${sqlLiteral(this.actor.correlationId)}::text`;
    if (audit === null) return `INSERT INTO event_outbox (${EVENT_COLUMNS}) VALUES (${head}, ${sqlJsonLiteral(event.data ?? null)}, ${tail}) RETURNING id, at::text AS at`;
    const agentId = audit.agentId ?? null;
    const taskId = audit.taskId ?? null;
    // The stored line travels in the event's data (live tails need no lookup); its id and time come from the insert.
    const line = { agentId, taskId, level: audit.level, message: audit.message, metadata: audit.metadata ?? null, actor: this.actor.name, correlationId: this.actor.correlationId };
    const data = `${sqlJsonLiteral(event.data ?? {})} || jsonb_build_object('log', ${sqlJsonLiteral(line)} || jsonb_build_object('id', l.id::text, 'timestamp', ${LOG_TIMESTAMP_JSON}))`;
    return `WITH l AS (INSERT INTO agent_logs (agent_id, task_id, level, message, metadata, actor, correlation_id)
      VALUES (${[agentId, taskId, audit.level, audit.message].map(sqlLiteral).join(', ')}, ${sqlJsonLiteral(audit.metadata ?? null)}, ${tail}) RETURNING id, timestamp)
      INSERT INTO event_outbox (${EVENT_COLUMNS}) SELECT ${head}, ${data}, ${tail} FROM l RETURNING id, at::text AS at`;
  }
}
