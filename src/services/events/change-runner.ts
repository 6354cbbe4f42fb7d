import type { DataSource } from 'typeorm';
import { endTransaction, inOwnTransaction, pgClientOf } from '../../db/query-runner-connection';
import { WholeTransactionBatcher } from '../../db/whole-transaction-batcher';
import { DEADLOCK_DETECTED, SERIALIZATION_FAILURE, sqlStateOf } from '../../db/sql-states';
import type { Actor } from '../common/actor';
import { ChangeTransaction } from './change-transaction';
import { EventSequencer } from './event-sequencer';

/** Attempts of one change when PostgreSQL aborts it for a deadlock. Default 4. */
const MAX_ATTEMPTS = 4;

/** How a change waits for its events' cursors. */
export interface ChangeOptions {
  /**
   * true (default): `run` answers once the events have their cursors, so the caller reads its
   * own events (events(after:), replay). false: the sequencer is started and not awaited (the
   * worker's claims and finishes; nobody reads their events back).
   */
  awaitSequencing?: boolean;
}

/** How `runWhole` sends its statement. */
export interface WholeChangeOptions extends ChangeOptions {
  /**
   * Statements sent at the same time share a transaction only with statements of their group
   * (default 'changes'): a statement that sets transaction-local settings (`set_config(…, true)`,
   * as the claim does) must only travel with statements that want the same.
   */
  group?: string;
}

/**
 * Runs a state change in one transaction. Its events go to the outbox with it; once it
 * committed, the event sequencer numbers them and NOTIFYs, and the event relay of every API
 * process reads them from the events table. Nothing is published from here, so a rolled-back
 * change is never heard and no process sees an event before an earlier-numbered one.
 */
export class ChangeRunner {
  private readonly committedListeners = new Set<(agentIds: ReadonlySet<string>) => void>();
  private readonly wholeBatchers = new Map<string, WholeTransactionBatcher>();
  /**
   * @param sequencer the process's event sequencer (one per process, shared by its runners);
   * by default one of this runner's own.
   */
  constructor(
    private readonly dataSource: DataSource,
    readonly sequencer: EventSequencer = new EventSequencer(dataSource, undefined),
  ) {}

  /**
   * Calls `listener` with the agents a change recorded changes of, after each commit of this
   * process and before `run` answers (process-local caches drop what the change made stale, so
   * the caller reads its own writes).
   */
  onCommitted(listener: (agentIds: ReadonlySet<string>) => void): () => void {
    this.committedListeners.add(listener);
    return () => this.committedListeners.delete(listener);
  }

  /**
   * Runs `work` in a transaction. A deadlock or serialization failure (PostgreSQL aborted
   * the whole transaction, so nothing of it happened) is retried, up to `MAX_ATTEMPTS`
   * times: `work` must only touch the database.
   */
  async run<T>(actor: Actor, work: (tx: ChangeTransaction) => Promise<T>, options: ChangeOptions = {}): Promise<T> {
    return (await this.attempts(actor, null, work, options)).result;
  }

  /**
   * `run` whose first statement travels with the BEGIN, in one round trip: `firstStatement`
   * (built with `sqlLiteral` for every value) runs first and `work` gets its rows.
   */
  async runFrom<T, R = Record<string, unknown>>(
    actor: Actor,
    firstStatement: string,
    work: (tx: ChangeTransaction, rows: R[]) => Promise<T>,
    options: ChangeOptions = {},
  ): Promise<T> {
    return (await this.attempts(actor, firstStatement, work as (tx: ChangeTransaction, rows: unknown[]) => Promise<T>, options)).result;
  }

  /** `run`, also answering the cursors of the events the change wrote, in order. */
  async runRecorded<T>(actor: Actor, work: (tx: ChangeTransaction) => Promise<T>): Promise<{ result: T; cursors: readonly (string | undefined)[] }> {
    const { result, tx } = await this.attempts(actor, null, work, {});
    return { result, cursors: tx.committedOutboxIds.length === 0 ? [] : await this.cursorsOf(tx) };
  }

  /**
   * A whole change as one statement, sent with its BEGIN and COMMIT in one round trip: for
   * changes PostgreSQL records entirely by itself (the task fast paths, migration 7), events
   * and audit lines included. Each row names an agent the change changed (for the commit
   * listeners); no rows means it changed nothing. Statements sent while others are in flight
   * share one transaction (`WholeTransactionBatcher`): the statement must be a whole change
   * that answers no rows when it does not apply, whatever else its transaction holds.
   */
  async runWhole<R extends { agent_id: string }>(statement: string, options: WholeChangeOptions = {}): Promise<R[]> {
    const batcher = this.wholeBatcher(options.group ?? 'changes');
    const rows = await this.retryingAborts(() => batcher.send<R>(statement));
    if (rows.length === 0) return rows;
    this.notifyCommitted(new Set(rows.map((row) => row.agent_id)));
    await this.sequence(options);
    return rows;
  }

  /** The group's batcher, made on first use. */
  private wholeBatcher(group: string): WholeTransactionBatcher {
    const known = this.wholeBatchers.get(group);
    if (known !== undefined) return known;
    const batcher = new WholeTransactionBatcher(this.dataSource);
    this.wholeBatchers.set(group, batcher);
    return batcher;
  }

  private async attempts<T>(
    actor: Actor,
    firstStatement: string | null,
    work: (tx: ChangeTransaction, rows: unknown[]) => Promise<T>,
    options: ChangeOptions,
  ): Promise<{ result: T; tx: ChangeTransaction }> {
    const committed = await this.retryingAborts(() => this.once(actor, firstStatement, work));
    if (committed.tx.committedOutboxIds.length > 0) await this.sequence(options);
    return committed;
  }

  /** Numbers a committed change's events: awaited, or (`awaitSequencing` false) only started. */
  private async sequence(options: ChangeOptions): Promise<void> {
    // The change is committed whatever happens here: a failed pass is retried by the next
    // commit or the poll, and the caller is not told of a failure that is not its change's.
    if (options.awaitSequencing === false) this.sequencer.trigger();
    else await this.sequencer.flush().catch(() => undefined);
  }

  /** Runs one transaction again when PostgreSQL aborted it for a deadlock or serialization failure (nothing of it happened). */
  private async retryingAborts<T>(transaction: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await transaction();
      } catch (error: unknown) {
        const state = sqlStateOf(error);
        if (attempt >= MAX_ATTEMPTS || (state !== DEADLOCK_DETECTED && state !== SERIALIZATION_FAILURE)) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
    }
  }

  private notifyCommitted(agentIds: ReadonlySet<string>): void {
    if (agentIds.size === 0) return;
    for (const listener of this.committedListeners) {
      // The change is committed: a listener's failure must not turn it into an error.
      try {
        listener(agentIds);
      } catch {
        // Listeners only drop cache entries; their TTLs bound what a failed one leaves.
      }
    }
  }

  /**
   * The cursors of a committed change's events: from this process's sequencer, or (another
   * process's sequencer took them first) from the events table, where they are the events
   * of its transaction time and actor, in order.
   */
  private async cursorsOf(tx: ChangeTransaction): Promise<(string | undefined)[]> {
    const known = this.sequencer.cursorsOf(tx.committedOutboxIds);
    if (known.every((cursor) => cursor !== undefined) || tx.eventsAt === null) return known;
    const rows: { cursor: string }[] = await this.dataSource.query(
      'SELECT cursor::text AS cursor FROM events WHERE at = $1::timestamptz AND actor = $2 AND correlation_id = $3 ORDER BY cursor',
      [tx.eventsAt, tx.actor.name, tx.actor.correlationId],
    );
    return rows.length === known.length ? rows.map((row) => row.cursor) : known;
  }

  private async once<T>(actor: Actor, firstStatement: string | null, work: (tx: ChangeTransaction, rows: unknown[]) => Promise<T>): Promise<{ result: T; tx: ChangeTransaction }> {
    return inOwnTransaction(this.dataSource, async (runner) => {
      const first = firstStatement === null ? 'BEGIN' : `BEGIN;\n${firstStatement}`;
      const results = (await pgClientOf(runner).query(first)) as unknown as { rows: unknown[] }[] | { rows: unknown[] };
      const rows = Array.isArray(results) ? results[1]!.rows : [];
      const tx = new ChangeTransaction(runner.manager, actor);
      const result = await work(tx, rows);
      // One round trip: the hot locks taken in it are held only while the server works.
      const commitResults = (await pgClientOf(runner).query(tx.commitMessage())) as unknown as { rows: { id?: string }[] }[] | { rows: unknown[] };
      endTransaction(runner);
      tx.acceptCommitResults(Array.isArray(commitResults) ? commitResults : []);
      this.notifyCommitted(tx.agentIds);
      return { result, tx };
    });
  }
}
