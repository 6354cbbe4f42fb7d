import type { DataSource } from 'typeorm';
import { sendWholeTransaction } from './query-runner-connection';

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
   * How long a statement of a shared transaction may wait for a lock, in ms. Past it the
   * transaction is given up and its statements are sent alone, so that one statement waiting
   * on a lock another transaction holds long (a stopAgent cancelling thousands of queued tasks)
   * holds up only itself. Default 100.
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
 * A lone statement is sent at once, as before. A statement that fails takes its transaction's
 * other statements down with it (nothing of them happened): each of them is then sent again
 * alone, so every caller gets its own statement's answer or error. So does a statement that
 * waits for a lock longer than `lockTimeoutMs`: only it then waits on.
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
    void this.commit(batch).finally(() => {
      this.inFlight -= 1;
      this.dispatch();
    });
  }

  private async commit(batch: readonly Waiting[]): Promise<void> {
    if (batch.length === 1) return this.alone(batch[0]!);
    try {
      // A statement may set its own lock_timeout (set_config(…, true)): it then applies from there on.
      const results = await sendWholeTransaction<unknown>(
        this.dataSource,
        `BEGIN;\nSET LOCAL lock_timeout = ${Math.max(1, Math.round(this.lockTimeoutMs))};\n${batch.map((item) => item.statement).join(';\n')};\nCOMMIT`,
      );
      for (const [index, item] of batch.entries()) item.resolve(results[index + 2]!.rows);
    } catch {
      // Which statement failed, and whether the others would have, is unknown: each is sent again alone.
      await Promise.all(batch.map((item) => this.alone(item)));
    }
  }

  private async alone(item: Waiting): Promise<void> {
    try {
      const results = await sendWholeTransaction<unknown>(this.dataSource, `BEGIN;\n${item.statement};\nCOMMIT`);
      item.resolve(results[1]!.rows);
    } catch (error: unknown) {
      item.reject(error);
    }
  }
}
