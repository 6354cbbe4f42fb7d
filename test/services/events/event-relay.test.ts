import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../../src/db/data-source';
import { createLogger } from '../../../src/logging/logger';
import { ChangeRunner } from '../../../src/services/events/change-runner';
import { LocalEventBus } from '../../../src/services/events/event-bus';
import { EventRelay } from '../../../src/services/events/event-relay';
import type { EventSequencer } from '../../../src/services/events/event-sequencer';
import { EventQueryService } from '../../../src/services/events/event-query.service';
import type { StoredEvent } from '../../../src/services/events/event-types';
import { eventually, produceLogEvents } from '../../support/live';
import { createTestDatabase, sql, type TestDatabase } from '../../support/test-database';

const logger = createLogger('silent');
/** A PostgreSQL nobody serves: a relay given it for LISTEN never hears a notification. */
const unreachable = 'postgres://postgres@127.0.0.1:1/nowhere';

/** Collects what a bus delivers, and resolves when a given cursor has arrived. */
function record(bus: LocalEventBus) {
  const seen: StoredEvent[] = [];
  const waiters = new Map<string, () => void>();
  const stop = bus.subscribe((event) => {
    seen.push(event);
    waiters.get(event.cursor)?.();
  });
  return {
    seen,
    stop,
    arrived(cursor: string, timeoutMs = 10_000): Promise<void> {
      if (seen.some((event) => event.cursor === cursor)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`cursor ${cursor} did not arrive in ${timeoutMs} ms; last ${seen.at(-1)?.cursor}`)), timeoutMs);
        waiters.set(cursor, () => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}

describe('the event relay', () => {
  let db: TestDatabase;
  let local: DataSource;
  let other: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    local = createDataSource({ url: db.url, poolSize: 4, applicationName: 'velocity-test-api' });
    other = createDataSource({ url: db.url, poolSize: 4, applicationName: 'velocity-test-worker' });
    await Promise.all([local.initialize(), other.initialize()]);
  });
  afterAll(async () => {
    await Promise.all([local.destroy(), other.destroy()]);
    expect(await db.connectionsLeft()).toBe(0);
    await db.drop();
  });

  async function startRelay(options: { pollIntervalMs?: number; sequencer?: EventSequencer; connectionString?: string } = {}) {
    const bus = new LocalEventBus();
    const relay = new EventRelay({ connectionString: db.url, dataSource: local, bus, logger, reconnectBaseMs: 50, ...options });
    await relay.start();
    return { bus, relay, events: record(bus) };
  }

  it('delivers every committed event of every process once, in cursor order, starting at the head', async () => {
    await produceLogEvents(new ChangeRunner(local), 5, 1, 'before-start');
    const { relay, events } = await startRelay();
    const writers = [new ChangeRunner(local), new ChangeRunner(other), new ChangeRunner(other)];
    const written = (await Promise.all(writers.map((writer, n) => produceLogEvents(writer, 150, n + 1, `writer-${n}`)))).flat();
    const last = written.reduce((max, cursor) => (BigInt(cursor) > BigInt(max) ? cursor : max));
    await events.arrived(last);
    const inDb = await sql<{ cursor: string }>(db.url, `SELECT e.cursor::text AS cursor FROM events e WHERE NOT (data @> '{"tag":"before-start"}') ORDER BY e.cursor`);
    expect(events.seen.map((event) => event.cursor)).toEqual(inDb.map((row) => row.cursor));
    expect(events.seen).toHaveLength(450);
    await relay.stop();
  });

  it('catches an event whose notification never came with its poll', async () => {
    const { relay, events } = await startRelay({ pollIntervalMs: 200 });
    // Written without ChangeTransaction's NOTIFY: only the poll can find it.
    const [row] = await sql<{ cursor: string }>(db.url, `INSERT INTO events (kind, data) VALUES ('LOG', '{"silent":true}') RETURNING cursor::text AS cursor`);
    await events.arrived(row!.cursor, 5_000);
    await relay.stop();
  });

  it('listens again after its connection is killed, and loses nothing committed meanwhile', async () => {
    // No poll to speak of: only LISTEN and the read right after reconnecting can deliver here.
    const { relay, events } = await startRelay({ pollIntervalMs: 3_600_000 });
    const killed = await sql(db.url, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'velocity-event-relay'`, [db.name]);
    expect(killed).toHaveLength(1);
    await eventually(() => !relay.listening, 5_000, 'the relay to notice');
    const meanwhile = await produceLogEvents(new ChangeRunner(other), 20, 4, 'meanwhile');
    await events.arrived(meanwhile.at(-1)!);
    await eventually(() => relay.listening, 5_000, 'the relay to listen again');
    const after = await produceLogEvents(new ChangeRunner(other), 3, 1, 'after');
    await events.arrived(after.at(-1)!, 2_000);
    expect(events.seen.map((event) => event.cursor)).toEqual([...meanwhile, ...after]);
    await relay.stop();
  });

  it('delivers the events its own process sequenced as soon as they commit, with no notification or poll', async () => {
    // LISTEN can never connect and the poll is an hour away: only the hand-over can deliver.
    const writer = new ChangeRunner(local);
    const { relay, events } = await startRelay({ pollIntervalMs: 3_600_000, sequencer: writer.sequencer, connectionString: unreachable });
    expect(relay.listening).toBe(false);
    const written = await produceLogEvents(writer, 12, 3, 'handed-over');
    await events.arrived(written.at(-1)!, 2_000);
    expect(events.seen.map((event) => event.cursor)).toEqual(written);
    expect(events.seen[0]).toEqual((await new EventQueryService(local).readRange(BigInt(written[0]!) - 1n, null, {}, 1))[0]);
    await relay.stop();
  });

  it('reads the events of other processes first when its own come after them, keeping cursor order', async () => {
    const writer = new ChangeRunner(local);
    const { relay, events } = await startRelay({ pollIntervalMs: 3_600_000, sequencer: writer.sequencer, connectionString: unreachable });
    const elsewhere = await produceLogEvents(new ChangeRunner(other), 4, 2, 'elsewhere');
    expect(events.seen).toEqual([]);
    const own = await produceLogEvents(writer, 3, 1, 'own');
    await events.arrived(own.at(-1)!, 2_000);
    expect(events.seen.map((event) => event.cursor)).toEqual([...elsewhere, ...own]);
    await relay.stop();
  });

  it('reads the table for another process\'s notification but not for one naming events it was handed already', async () => {
    const writer = new ChangeRunner(local);
    const { relay, events } = await startRelay({ pollIntervalMs: 3_600_000, sequencer: writer.sequencer });
    await eventually(() => relay.listening, 5_000, 'the relay to listen');
    // The read right after LISTEN connects.
    await eventually(() => relay.reads === 1, 5_000, 'the first read');
    // Ten changes one after another: ten passes, ten notifications.
    const own = await produceLogEvents(writer, 10, 1, 'own-notified');
    await events.arrived(own.at(-1)!, 2_000);
    // Notifications reach a listener in commit order: once the other process's event is read,
    // the notifications of every pass before it have been heard.
    const elsewhere = await produceLogEvents(new ChangeRunner(other), 1, 1, 'after-own');
    await events.arrived(elsewhere[0]!, 5_000);
    // The read right after LISTEN connected, and the other process's.
    expect(relay.reads).toBe(2);
    expect(events.seen.map((event) => event.cursor)).toEqual([...own, ...elsewhere]);
    await relay.stop();
  });

  it('closes its LISTEN connection on stop', async () => {
    const { relay } = await startRelay();
    expect(relay.listening).toBe(true);
    await relay.stop();
    const left = await sql(db.url, `SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND application_name = 'velocity-event-relay'`, [db.name]);
    expect(left).toEqual([]);
  });

  it('hands a listener each cursor once, in order, whoever publishes', () => {
    const bus = new LocalEventBus();
    const seen: string[] = [];
    bus.subscribe((event) => seen.push(event.cursor));
    const event = (cursor: string) => ({ cursor, kind: 'LOG', at: new Date(), agentId: null, taskId: null, workflowRunId: null, status: null, previousStatus: null, data: null, actor: null, correlationId: null }) as StoredEvent;
    bus.startAt(2n);
    bus.publish([event('1'), event('2'), event('3'), event('4')]);
    bus.publish([event('3'), event('4'), event('5')]);
    expect(seen).toEqual(['3', '4', '5']);
    expect(bus.lastCursor).toBe(5n);
  });
});
