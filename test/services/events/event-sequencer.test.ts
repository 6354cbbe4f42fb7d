import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../../src/db/data-source';
import { WholeTransactionBatcher } from '../../../src/db/whole-transaction-batcher';
import { ChangeRunner } from '../../../src/services/events/change-runner';
import { EventSequencer } from '../../../src/services/events/event-sequencer';
import { TEST_ACTOR } from '../../support/live';
import { createTestDatabase, sql, type TestDatabase } from '../../support/test-database';
import { waitFor } from '../../support/wait-for';

/** Events as a reader of the log sees them: cursor order, with what the test tagged them with. */
async function log(db: TestDatabase): Promise<{ cursor: string; tag: string; n: number }[]> {
  return sql(db.url, `SELECT cursor::text AS cursor, data->>'tag' AS tag, (data->>'n')::int AS n FROM events ORDER BY events.cursor`);
}

describe('the event sequencer', () => {
  let db: TestDatabase;
  let pool: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = createDataSource({ url: db.url, poolSize: 6, applicationName: 'velocity-test-sequencer' });
    await pool.initialize();
  });
  afterAll(async () => {
    await pool.destroy();
    expect(await db.connectionsLeft()).toBe(0);
    await db.drop();
  });

  it('numbers events left in the outbox by a process that died before numbering them, at its next poll', async () => {
    // What a crashed process leaves: committed outbox rows nobody sequenced.
    await sql(db.url, `INSERT INTO event_outbox (kind, data) SELECT 'LOG', jsonb_build_object('tag', 'orphan', 'n', n) FROM generate_series(1, 30) AS n`);
    const survivor = new EventSequencer(pool, undefined, { pollIntervalMs: 50 });
    survivor.start();
    try {
      const numbered = await waitFor(async () => {
        const rows = (await log(db)).filter((row) => row.tag === 'orphan');
        return rows.length === 30 ? rows : undefined;
      }, 'the orphaned events to be numbered', 5_000);
      // In the order they were written, with nothing left behind.
      expect(numbered.map((row) => row.n)).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));
      expect(await sql(db.url, 'SELECT 1 FROM event_outbox')).toEqual([]);
    } finally {
      await survivor.stop();
    }
  });

  it("keeps each change's events together and in order when many changes commit at once through runners of their own", async () => {
    const runners = Array.from({ length: 4 }, () => new ChangeRunner(pool));
    await Promise.all(
      runners.map(async (runner, writer) => {
        for (let change = 0; change < 25; change += 1) {
          await runner.run(TEST_ACTOR, async (tx) => {
            for (let n = 0; n < 3; n += 1) await tx.record({ kind: 'LOG', data: { tag: `w${writer}-c${change}`, n } }, null);
          });
        }
      }),
    );
    const rows = (await log(db)).filter((row) => row.tag.startsWith('w'));
    expect(rows).toHaveLength(4 * 25 * 3);
    // A change's three events have consecutive cursors, in the order it wrote them.
    for (let index = 0; index < rows.length; index += 3) {
      const group = rows.slice(index, index + 3);
      expect(group.map((row) => row.tag)).toEqual([group[0]!.tag, group[0]!.tag, group[0]!.tag]);
      expect(group.map((row) => row.n)).toEqual([0, 1, 2]);
    }
    // Each writer's changes appear in the order it made them.
    for (let writer = 0; writer < 4; writer += 1) {
      const order = rows.filter((row) => row.tag.startsWith(`w${writer}-`) && row.n === 0).map((row) => Number(row.tag.split('-c')[1]));
      expect(order).toEqual(Array.from({ length: 25 }, (_, index) => index));
    }
    expect(await sql(db.url, 'SELECT 1 FROM event_outbox')).toEqual([]);
  });
  it('numbers the changes nobody waits for in one pass when they commit within backgroundDelayMs', async () => {
    const sequencer = new EventSequencer(pool, undefined, { backgroundDelayMs: 2_000 });
    const runner = new ChangeRunner(pool, sequencer);
    const passes: string[][] = [];
    sequencer.onSequenced((events) => passes.push(events.map((event) => String((event.data as { tag?: string } | null)?.tag))));
    try {
      for (let n = 0; n < 5; n += 1) await runner.run(TEST_ACTOR, (tx) => tx.record({ kind: 'LOG', data: { tag: `quiet-${n}`, n } }, null), { awaitSequencing: false });
      const numbered = await waitFor(async () => ((await log(db)).filter((row) => row.tag.startsWith('quiet-')).length === 5 ? passes : undefined), 'the quiet changes to be numbered', 5_000);
      expect(numbered).toEqual([['quiet-0', 'quiet-1', 'quiet-2', 'quiet-3', 'quiet-4']]);
    } finally {
      await sequencer.stop();
    }
  });

  it('numbers the changes nobody waits for at once when a caller waits for its own cursors', async () => {
    // A background delay no test would sit through: the waiting caller's flush takes both.
    const sequencer = new EventSequencer(pool, undefined, { backgroundDelayMs: 600_000 });
    const runner = new ChangeRunner(pool, sequencer);
    try {
      await runner.run(TEST_ACTOR, (tx) => tx.record({ kind: 'LOG', data: { tag: 'early-background', n: 0 } }, null), { awaitSequencing: false });
      const { cursors } = await runner.runRecorded(TEST_ACTOR, (tx) => tx.record({ kind: 'LOG', data: { tag: 'early-waiting', n: 1 } }, null));
      const rows = (await log(db)).filter((row) => row.tag.startsWith('early-'));
      expect(rows.map((row) => row.tag)).toEqual(['early-background', 'early-waiting']);
      expect(cursors).toEqual([rows[1]!.cursor]);
    } finally {
      await sequencer.stop();
    }
  });
  it('numbers each whole change of a shared transaction after the changes it waited for', async () => {
    const write = (tag: string, after = 'NULL') =>
      `SELECT w.* FROM (SELECT ${after}) AS waited(x) CROSS JOIN LATERAL velocity_write_changes(jsonb_build_array(jsonb_build_object('kind', 'LOG', 'data', jsonb_build_object('tag', '${tag}', 'n', 0, 'waited', waited.x::text))), NULL, 'test', NULL) w`;
    const holder = pool.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('SELECT pg_advisory_xact_lock(424242)');
    const sequencer = new EventSequencer(pool, undefined);
    try {
      // One transaction in flight: the first statement goes alone; the next two share one, the
      // second of them waiting for the lock the holder took.
      const batcher = new WholeTransactionBatcher(pool, { maxInFlight: 1, lockTimeoutMs: 60_000 });
      const sent = [batcher.send(write('shared-alone')), batcher.send(write('shared-first')), batcher.send(write('shared-waiting', 'pg_advisory_xact_lock(424242)'))];
      await waitFor(async () => ((await sql(db.url, "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = 424242 AND NOT granted")).length > 0 ? true : undefined), 'the shared transaction to wait for the lock');
      // The change the waiting statement waits for, written after the shared transaction's first event.
      await holder.query(write('holder'));
      await holder.commitTransaction();
      await Promise.all(sent);
      await sequencer.flush();
      const order = (await log(db)).filter((row) => row.tag.startsWith('shared-') || row.tag === 'holder').map((row) => row.tag);
      expect(order).toEqual(['shared-alone', 'shared-first', 'holder', 'shared-waiting']);
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
      await sequencer.stop();
    }
  });
});
