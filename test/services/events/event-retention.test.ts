import type { JobHelpers } from 'graphile-worker';
import { eventRetentionJob } from '../../../src/jobs/event-retention.job';
import { EventRetentionService } from '../../../src/services/events/event-retention.service';
import { errorCode } from '../../support/graphql-client';
import { produceLogEvents, subscribe } from '../../support/live';
import { sql } from '../../support/test-database';
import { startTestServer, type TestServer } from '../../support/test-server';
import { wsClient } from '../../support/ws-client';

const DAY = 86_400_000;

describe('event retention', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { EVENT_RETENTION_DAYS: '7' } });
  });
  afterAll(async () => {
    await server.close();
  });

  async function cursors(): Promise<string[]> {
    return (await sql<{ cursor: string }>(server.db.url, 'SELECT e.cursor::text AS cursor FROM events e ORDER BY e.cursor')).map((row) => row.cursor);
  }

  async function horizon(): Promise<string | null> {
    const rows = await sql<{ value: string }>(server.db.url, `SELECT value #>> '{}' AS value FROM system_settings WHERE key = 'events.deleted_through'`);
    return rows[0]?.value ?? null;
  }

  it('deletes exactly the events older than the window and advances the horizon in the same transaction', async () => {
    const { changes, eventRetention } = server.api.services;
    const old = await produceLogEvents(changes, 30, 5, 'old');
    const recent = await produceLogEvents(changes, 10, 5, 'recent');
    const earlier = (await cursors()).filter((cursor) => BigInt(cursor) < BigInt(old[0]!));
    await sql(server.db.url, `UPDATE events SET at = now() - interval '8 days' WHERE cursor <= $1`, [old.at(-1)]);
    // An old-stamped event after a young one (a long transaction) stays: only a prefix goes.
    await sql(server.db.url, `UPDATE events SET at = now() - interval '9 days' WHERE cursor = $1`, [recent[3]]);
    expect(await eventRetention.deleteExpired(new Date(), undefined)).toEqual({ deleted: earlier.length + 30, deletedThrough: old.at(-1) });
    const left = await cursors();
    expect(left.slice(0, 10)).toEqual(recent);
    expect(left).toHaveLength(11);
    expect(await horizon()).toBe(old.at(-1));
    const [audit] = await sql<{ message: string }>(server.db.url, `SELECT message FROM agent_logs WHERE metadata->>'action' = 'events.retention'`);
    expect(audit!.message).toBe(`deleted ${earlier.length + 30} event(s) through cursor ${old.at(-1)}, older than 7 day(s)`);
    expect(await eventRetention.deleteExpired()).toEqual({ deleted: 0, deletedThrough: old.at(-1) });
  });

  it('deletes a large backlog in batches, each advancing the horizon', async () => {
    const { changes, dataSource } = server.api.services;
    const many = await produceLogEvents(changes, 250, 50, 'backlog');
    await sql(server.db.url, `UPDATE events SET at = now() - interval '30 days' WHERE cursor <= $1`, [many.at(-1)]);
    const retention = new EventRetentionService(dataSource, changes, { retentionDays: 7, batchSize: 100 });
    const outcome = await retention.deleteExpired(new Date(Date.now() + DAY));
    expect(outcome.deletedThrough).toBe(many.at(-1));
    expect(outcome.deleted).toBeGreaterThanOrEqual(250);
    const batches = await sql(server.db.url, `SELECT 1 FROM agent_logs WHERE metadata->>'action' = 'events.retention'`);
    expect(batches.length).toBeGreaterThanOrEqual(1 + 3);
    expect(BigInt((await cursors())[0]!)).toBeGreaterThan(BigInt(many.at(-1)!));
  });

  it('ends a subscription from a deleted cursor with CURSOR_EXPIRED, and the query too', async () => {
    const deletedThrough = (await horizon())!;
    const client = wsClient(server.wsUrl, server.adminKey);
    const expired = subscribe(client, `subscription ($after: String) { events(after: $after) { cursor } }`, { after: String(BigInt(deletedThrough) - 1n) });
    await expired.ended();
    expect((expired.failure as { extensions: { code: string } }[])[0]!.extensions.code).toBe('CURSOR_EXPIRED');
    expect(expired.values).toEqual([]);
    const query = await server.admin.request(`query ($after: String) { events(after: $after) { totalCount } }`, { after: '1' });
    expect(errorCode(query)).toBe('CURSOR_EXPIRED');
    const fromHorizon = subscribe<{ cursor: string }>(client, `subscription ($after: String) { events(after: $after) { cursor } }`, { after: deletedThrough });
    const fromZero = subscribe<{ cursor: string }>(client, `subscription { events(after: "0") { cursor } }`);
    const retained = await cursors();
    expect((await fromHorizon.waitFor(retained.length)).map((event) => event.cursor)).toEqual(retained);
    expect((await fromZero.waitFor(retained.length)).map((event) => event.cursor)).toEqual(retained);
    fromHorizon.unsubscribe();
    fromZero.unsubscribe();
    await client.dispose();
  });

  it('runs as a graphile-worker task whose payload is checked first', async () => {
    const helpers = { logger: { info: () => undefined } } as unknown as JobHelpers;
    const job = eventRetentionJob(server.api.services.eventRetention);
    await expect(job('nonsense', helpers)).rejects.toThrow('payload must be an object');
    await expect(job({ now: 'yesterday-ish' }, helpers)).rejects.toThrow('payload.now must be an ISO date-time');
    const before = await cursors();
    await job({ _cron: { ts: new Date().toISOString(), backfilled: false } }, helpers);
    await job({ now: new Date(Date.now() + 8 * DAY).toISOString() }, helpers);
    const after = await cursors();
    expect(after.length).toBe(1);
    expect(BigInt(after[0]!)).toBeGreaterThan(BigInt(before.at(-1)!));
  });
});
