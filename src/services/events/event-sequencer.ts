import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { sendWholeTransaction } from '../../db/query-runner-connection';
import type { Logger } from '../../logging/logger';
import { EVENTS_CHANNEL } from './change-transaction';
import { eventFromRow, type EventRow } from './event-query.service';
import type { StoredEvent } from './event-types';

/**
 * Key of the transaction-scoped advisory lock that serialises sequencer passes (of every
 * process): cursors are handed out in the order the passes commit, so a reader that has seen
 * cursor N can never later find a committed N-1.
 */
const SEQUENCER_LOCK = 7_346_001;

/** Outbox rows moved by one statement; a full batch is followed by another at once. */
const BATCH_SIZE = 5_000;

/** Cursors of recently sequenced outbox rows kept for `cursorsOf`. */
const REMEMBERED_CURSORS = 10_000;

/**
 * One pass in one round trip: under the lock, `velocity_sequence_outbox` (migration 12) takes
 * every committed outbox row, reserves a block of cursors (only passes draw from the cursor
 * sequence, and they hold the lock), and gives them out a change at a time: the rows one write
 * of a change marked with the same `tx` (migration 8: a transaction carrying several whole
 * changes holds several such groups), groups in the order of their first rows, each group's
 * events in the order it wrote them (changes that commit side by side interleave their outbox
 * ids). It writes the rows to `events` and, if there was any, NOTIFYs the relays, naming the
 * sequencer and the last cursor given (`<id>:<cursor>`: the relay of the sequencer's own process
 * is handed the events, and a relay that has delivered that cursor already need not read the
 * table).
 *
 * The lock is the only serialisation point of event writing, and a pass carries hundreds of
 * changes' events at once. `whole`: the numbered events come back whole, in cursor order, for
 * this process's relay (`onSequenced`); otherwise their ids and cursors.
 */
function passSql(whole: boolean, sequencerId: string): string {
  const columns = whole
    ? `, moved_kind AS kind, moved_at AS at, moved_agent_id AS agent_id, moved_task_id AS task_id, moved_workflow_run_id AS workflow_run_id,
    moved_status AS status, moved_previous_status AS previous_status, moved_data AS data, moved_actor AS actor, moved_correlation_id AS correlation_id`
    : '';
  return `BEGIN;
SELECT pg_advisory_xact_lock(${SEQUENCER_LOCK});
SELECT moved_id::text AS outbox_id, moved_cursor::text AS cursor${columns}
  FROM velocity_sequence_outbox(${BATCH_SIZE}, '${EVENTS_CHANNEL}', '${sequencerId}') ORDER BY moved_cursor;
COMMIT`;
}

/** A pass's row: the outbox id and its cursor, and the whole event when a listener wants it. */
type SequencedRow = EventRow & { outbox_id: string };

export interface EventSequencerOptions {
  /** A pass this often even without a commit of this process (events another process left), in ms. Default 1_000. */
  pollIntervalMs?: number;
  /**
   * How long a pass nobody waits for (`trigger`: the worker's claims and outcomes) may wait
   * for more commits to carry, in ms; 0 starts it at once. A flush meanwhile (a caller
   * waiting for its cursors) starts a pass at once, which takes them too. Default 10.
   */
  backgroundDelayMs?: number;
}

/**
 * Gives committed events their cursors. Changes write to the outbox with no lock and
 * commit side by side; this process sequences right after each of its own commits
 * (`flush`), and a poll catches rows a crashed process committed and left. Passes are
 * coalesced: at most one runs and one waits, and a flush resolves once a pass that started
 * after it was asked for has committed, so everything committed before the call has its
 * cursor then.
 */
export class EventSequencer {
  private readonly pollIntervalMs: number;
  private readonly backgroundDelayMs: number;
  private backgroundTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private tail: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;
  private readonly cursors = new Map<string, string>();
  private readonly sequencedListeners = new Set<(events: readonly StoredEvent[]) => void>();
  private pollTimer: NodeJS.Timeout | undefined;
  private failing = false;
  /** Names this sequencer in its passes' notifications (random, per process). */
  readonly id = randomBytes(6).toString('hex');
  private readonly passSql = { whole: passSql(true, this.id), ids: passSql(false, this.id) };

  constructor(
    private readonly dataSource: DataSource,
    /** Where failed passes are reported (once per outage); none: not reported. */
    private readonly logger: Logger | undefined,
    options: EventSequencerOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.backgroundDelayMs = options.backgroundDelayMs ?? 10;
  }

  /** Starts the poll. */
  start(): void {
    this.stopped = false;
    if (this.pollTimer !== undefined) return;
    this.pollTimer = setInterval(() => this.flush().catch(() => undefined), this.pollIntervalMs);
    this.pollTimer.unref();
  }

  /** Stops the poll and sequences what this process committed (best effort: another process or the next start does otherwise). */
  async stop(): Promise<void> {
    if (this.pollTimer !== undefined) clearInterval(this.pollTimer);
    this.pollTimer = undefined;
    this.stopped = true;
    if (this.backgroundTimer !== undefined) clearTimeout(this.backgroundTimer);
    this.backgroundTimer = undefined;
    await this.flush().catch(() => undefined);
  }

  /** Sequences everything committed before the call. */
  flush(): Promise<void> {
    if (this.queued !== undefined) return this.queued;
    const next = this.tail.then(() => {
      this.queued = undefined;
      return this.pass();
    });
    this.queued = next;
    this.tail = next.catch(() => undefined);
    return next;
  }

  /**
   * `flush` without waiting, within `backgroundDelayMs`: the commits of that window share one
   * pass (under a worker's load, one round trip and one NOTIFY for several tasks' changes
   * rather than one each; their subscribers hear of them up to that much later). A failure is
   * logged and left to the next pass.
   */
  trigger(): void {
    // Stopped: whatever commits now is sequenced at once (no timer left behind), or by the next process.
    if (this.backgroundDelayMs <= 0 || this.stopped) {
      this.flush().catch(() => undefined);
      return;
    }
    if (this.backgroundTimer !== undefined) return;
    this.backgroundTimer = setTimeout(() => {
      this.backgroundTimer = undefined;
      this.flush().catch(() => undefined);
    }, this.backgroundDelayMs);
  }

  /**
   * Calls `listener` with the events each of this process's passes numbered, in cursor order,
   * once the pass has committed (they are exactly the rows the events table now holds).
   */
  onSequenced(listener: (events: readonly StoredEvent[]) => void): () => void {
    this.sequencedListeners.add(listener);
    return () => this.sequencedListeners.delete(listener);
  }

  /** Cursors given by this process's passes to outbox rows, in the order of `outboxIds` (undefined: not seen here). */
  cursorsOf(outboxIds: readonly string[]): (string | undefined)[] {
    return outboxIds.map((id) => this.cursors.get(id));
  }

  private async pass(): Promise<void> {
    try {
      let moved: SequencedRow[];
      do {
        moved = await this.moveBatch();
        if (moved.length > 0 && this.sequencedListeners.size > 0) this.announce(moved.map(eventFromRow));
      } while (moved.length === BATCH_SIZE);
      if (this.failing) this.logger?.info('event sequencer running again');
      this.failing = false;
    } catch (error: unknown) {
      if (!this.failing) this.logger?.warn({ err: { message: (error as Error).message } }, 'event sequencer pass failed; retrying with the next commit or poll');
      this.failing = true;
      throw error;
    }
  }

  /** Hands committed events to the listeners; one that throws does not keep them from the others or fail the pass. */
  private announce(events: readonly StoredEvent[]): void {
    for (const listener of [...this.sequencedListeners]) {
      try {
        listener(events);
      } catch (error: unknown) {
        this.logger?.error({ err: error }, 'a listener of sequenced events failed');
      }
    }
  }

  /** One batch moved and committed: its rows in cursor order. */
  private async moveBatch(): Promise<SequencedRow[]> {
    const results = await sendWholeTransaction<SequencedRow>(this.dataSource, this.sequencedListeners.size > 0 ? this.passSql.whole : this.passSql.ids);
    const rows = results[2]!.rows;
    for (const row of rows) this.remember(row.outbox_id, row.cursor);
    return rows;
  }

  private remember(outboxId: string, cursor: string): void {
    if (this.cursors.size >= REMEMBERED_CURSORS) this.cursors.delete(this.cursors.keys().next().value!);
    this.cursors.set(outboxId, cursor);
  }
}
