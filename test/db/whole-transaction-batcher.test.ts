import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { WholeTransactionBatcher } from '../../src/db/whole-transaction-batcher';
import { createTestDatabase, sql, type TestDatabase } from '../support/test-database';

interface Probe {
  n: number;
  tx: string;
}

/** A statement that is a whole change: it inserts `n` and says which transaction it ran in. */
const insert = (n: number): string => `INSERT INTO batch_probe (n) VALUES (${n}) RETURNING n, txid_current()::text AS tx`;

describe('whole-change statements sent at the same time', () => {
  let db: TestDatabase;
  let pool: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    await sql(db.url, 'CREATE TABLE batch_probe (n int PRIMARY KEY)');
    pool = createDataSource({ url: db.url, poolSize: 4, applicationName: 'velocity-test-batcher' });
    await pool.initialize();
  });
  beforeEach(async () => {
    await sql(db.url, 'TRUNCATE batch_probe');
  });
  afterAll(async () => {
    await pool.destroy();
    expect(await db.connectionsLeft()).toBe(0);
    await db.drop();
  });

  it('commits the statements that arrive while one is in flight in one transaction, answering each its own rows', async () => {
    const batcher = new WholeTransactionBatcher(pool, { maxInFlight: 1 });
    const answers = await Promise.all([1, 2, 3, 4].map((n) => batcher.send<Probe>(insert(n))));
    expect(answers.map((rows) => rows.map((row) => row.n))).toEqual([[1], [2], [3], [4]]);
    // The first went alone, at once; the three that waited for it shared the next transaction.
    const [first, ...waited] = answers.map((rows) => rows[0]!.tx);
    expect(new Set(waited).size).toBe(1);
    expect(waited[0]).not.toBe(first);
    expect((await sql<{ n: number }>(db.url, 'SELECT n FROM batch_probe ORDER BY n')).map((row) => row.n)).toEqual([1, 2, 3, 4]);
  });

  it('gives the caller of a failing statement its error and commits the others of its transaction when one fails', async () => {
    const batcher = new WholeTransactionBatcher(pool, { maxInFlight: 1 });
    const sent = [insert(1), insert(2), 'SELECT 1 / 0 AS n', insert(3)].map((statement) =>
      batcher.send<Probe>(statement).then(
        (rows) => rows.map((row) => row.n),
        (error: unknown) => (error as { code?: string }).code,
      ),
    );
    // 22012: division by zero, the failing statement's own error and nobody else's.
    expect(await Promise.all(sent)).toEqual([[1], [2], '22012', [3]]);
    expect((await sql<{ n: number }>(db.url, 'SELECT n FROM batch_probe ORDER BY n')).map((row) => row.n)).toEqual([1, 2, 3]);
  });

  it('sends no more statements in one transaction than maxStatements allows', async () => {
    const batcher = new WholeTransactionBatcher(pool, { maxInFlight: 1, maxStatements: 2 });
    const answers = await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.send<Probe>(insert(n))));
    const transactions = answers.map((rows) => rows[0]!.tx);
    // 1 alone, then {2, 3} and {4, 5}.
    expect(new Set(transactions).size).toBe(3);
    expect(transactions[1]).toBe(transactions[2]);
    expect(transactions[3]).toBe(transactions[4]);
  });

  /**
   * Runs `work` while another transaction holds row `n` of batch_probe locked; `release` commits
   * that transaction. The statement `blocking(n)` updates the row, so it waits for the lock.
   */
  async function whileRowLocked(n: number, work: (release: () => Promise<void>) => Promise<void>): Promise<void> {
    await sql(db.url, 'INSERT INTO batch_probe (n) VALUES ($1)', [n]);
    const holder = pool.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('SELECT n FROM batch_probe WHERE n = $1 FOR UPDATE', [n]);
    try {
      await work(() => holder.commitTransaction());
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
    }
  }
  const blocking = (n: number): string => `UPDATE batch_probe SET n = ${n + 1} WHERE n = ${n} RETURNING n, txid_current()::text AS tx`;

  it('lets the others of a shared transaction commit while one of its statements waits on a lock held long elsewhere', async () => {
    await whileRowLocked(100, async (release) => {
      const batcher = new WholeTransactionBatcher(pool, { maxInFlight: 1, lockTimeoutMs: 50 });
      let blockedSettled = false;
      const first = batcher.send<Probe>(insert(1));
      const blocked = batcher.send<Probe>(blocking(100)).finally(() => (blockedSettled = true));
      const others = [batcher.send<Probe>(insert(2)), batcher.send<Probe>(insert(3))];
      // The lock is still held: the shared transaction gave up on it and the others went alone.
      expect((await Promise.all([first, ...others])).map((rows) => rows[0]!.n)).toEqual([1, 2, 3]);
      expect(blockedSettled).toBe(false);
      await release();
      expect((await blocked).map((row) => row.n)).toEqual([101]);
    });
  });

  it('keeps statements sent after a lone one flowing while that one waits on a lock held long elsewhere', async () => {
    await whileRowLocked(200, async (release) => {
      // One transaction in flight at most: the blocked statement takes it first, alone.
      const batcher = new WholeTransactionBatcher(pool, { maxInFlight: 1, lockTimeoutMs: 50 });
      let blockedSettled = false;
      const blocked = batcher.send<Probe>(blocking(200)).finally(() => (blockedSettled = true));
      const later = await Promise.all([batcher.send<Probe>(insert(1)), batcher.send<Probe>(insert(2))]);
      expect(later.map((rows) => rows[0]!.n)).toEqual([1, 2]);
      expect(blockedSettled).toBe(false);
      await release();
      expect((await blocked).map((row) => row.n)).toEqual([201]);
    });
  });
});
