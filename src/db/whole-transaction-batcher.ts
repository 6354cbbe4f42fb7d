import type { DataSource } from 'typeorm';
import { isConnectionError } from './connection-errors';
import { sendWholeTransaction } from './query-runner-connection';
import { LOCK_NOT_AVAILABLE, sqlStateOf } from './sql-states';

export interface WholeTransactionBatcherOptions {
  /**
   * Transactions of this batcher in flight at once. A statement that arrives while they are
   * all out waits for the next one, together with every other statement that arrived
   * meanwhile. Default 2.
   */
  maxInFlight?: number;
  /** Statements one transaction carries at most. Default 64. */
  maxStatements?: number;
  /**
   * How long a statement of this batcher's transactions may wait for a row lock, in ms. Past it
   * the transaction is given up, frees its place among the `maxInFlight`, and its statements are
   * sent again alone, outside that count and with no such limit: a statement waiting on a lock
   * another transaction holds long (a stopAgent cancelling thousands of queued tasks) holds up
   * only itself. The COMMIT is not limited (it may queue for the NOTIFY lock under load).
   * Default 100.
   */
  lockTimeoutMs?: number;
}

interface Waiting {
  statement: string;
  resolve(rows: unknown[]): void;
  reject(error: unknown): void;
}

/**
 * Group commit for whole changes: single statements that are each a whole change and that
 * answer no rows when they do not apply (the task fast paths, migration 7). Statements sent
 * while earlier ones are in flight travel together, as one `BEGIN; …; COMMIT` message: one
 * round trip, one commit, one WAL flush and one turn at the NOTIFY queue lock for all of them,
 * where each used to take its own (under load, submissions queued on that lock: it is held
 * through each commit's WAL flush).
 *
 * A lone statement is sent at once. A statement that fails takes its transaction's other
 * statements down with it (PostgreSQL answered an error, so nothing of them happened): each of
 * them is then sent again alone, so every caller gets its own statement's answer or error. So
 * does a statement that waits for a lock longer than `lockTimeoutMs`. A transaction whose
 * connection failed may or may not have committed: its callers get that error, as a lone
 * statement's caller would, and nothing is sent again.
 */
export class WholeTransactionBatcher {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;
  private readonly maxInFlight: number;
  private readonly maxStatements: number;
  private readonly lockTimeoutMs: number;

  constructor(
    private readonly dataSource: DataSource,
    options: WholeTransactionBatcherOptions = {},
  ) {
    this.maxInFlight = options.maxInFlight ?? 2;
    this.maxStatements = options.maxStatements ?? 64;
    this.lockTimeoutMs = options.lockTimeoutMs ?? 100;
  }

  /** Runs `statement` in a transaction (alone or with others) and answers its rows once that committed. */
  send<R>(statement: string): Promise<R[]> {
    return new Promise<R[]>((resolve, reject) => {
      this.waiting.push({ statement, resolve: resolve as (rows: unknown[]) => void, reject });
      if (this.inFlight < this.maxInFlight) this.dispatch();
    });
  }

  private dispatch(): void {
    const batch = this.waiting.splice(0, this.maxStatements);
    if (batch.length === 0) return;
    this.inFlight += 1;
    void this.commit(batch).then((failed) => {
      this.inFlight -= 1;
      this.dispatch();
      // Sent again once this transaction's place is free again: they wait on their own.
      for (const item of failed) void this.alone(item);
    });
  }

  /** Sends one transaction of `batch`; answers the statements to send again alone (none when it committed). */
  private async commit(batch: readonly Waiting[]): Promise<readonly Waiting[]> {
    const statements = batch.map((item) => item.statement).join(';\n');
    let results: { rows: unknown[] }[];
    try {
      // A statement may set its own lock_timeout (set_config(…, true)): it then applies from
      // there on. Reset before the COMMIT, whose wait for the NOTIFY lock is not a row lock's.
      results = await sendWholeTransaction<unknown>(
        this.dataSource,
        `BEGIN;\nSET LOCAL lock_timeout = ${Math.max(1, Math.round(this.lockTimeoutMs))};\n${statements};\nSET LOCAL lock_timeout = 0;\nCOMMIT`,
      );
    } catch (error: unknown) {
      // PostgreSQL's own answer (not a lost connection): the transaction did not happen.
      const state = sqlStateOf(error);
      const answered = state !== undefined && !isConnectionError(error);
      if (answered && (batch.length > 1 || state === LOCK_NOT_AVAILABLE)) return batch;
      for (const item of batch) item.reject(error);
      return [];
    }
    if (results.length !== batch.length + 4) {
      const error = new Error(`a whole-change transaction of ${batch.length} statements answered ${results.length} results; each statement must be one statement`);
      for (const item of batch) item.reject(error);
      return [];
    }
    for (const [index, item] of batch.entries()) item.resolve(results[index + 2]!.rows);
    return [];
  }

  /** One statement in a transaction of its own, with no lock timeout. */
  private async alone(item: Waiting): Promise<void> {
    try {
      const results = await sendWholeTransaction<unknown>(this.dataSource, `BEGIN;\n${item.statement};\nCOMMIT`);
      item.resolve(results[1]!.rows);
    } catch (error: unknown) {
      item.reject(error);
    }
  }
}
