import type { Client } from 'graphql-ws';
import { createKey } from '../support/api-keys';
import { errorCode } from '../support/graphql-client';
import { eventually, produceLogEvents, recordEvent, relayCaughtUp, subscribe, TEST_ACTOR, waitForListeners } from '../support/live';
import { sql } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';
import { wsClient } from '../support/ws-client';

const EVENTS = `subscription ($after: String, $agentId: ID, $kinds: [EventKind!]) { events(after: $after, agentId: $agentId, kinds: $kinds) { cursor kind agentId data } }`;

interface EventView {
  cursor: string;
  kind: string;
  agentId: string | null;
  data: any;
}

describe('the events subscription', () => {
  let server: TestServer;
  let client: Client;
  let baseListeners: number;

  beforeAll(async () => {
    server = await startTestServer();
    const viewer = await createKey(server.admin, 'events-viewer', 'VIEWER');
    client = wsClient(server.wsUrl, viewer.secret);
    baseListeners = server.api.services.bus.listenerCount;
  });
  afterAll(async () => {
    await client.dispose();
    await server.close();
  });

  async function cursorsInDb(after: string, where = 'true'): Promise<string[]> {
    const rows = await sql<{ cursor: string }>(server.db.url, `SELECT e.cursor::text AS cursor FROM events e WHERE e.cursor > $1 AND ${where} ORDER BY e.cursor`, [after]);
    return rows.map((row) => row.cursor);
  }

  async function liveEvents(variables: Record<string, unknown> = {}) {
    const { services } = server.api;
    await eventually(() => services.bus.listenerCount === baseListeners, 10_000, 'earlier subscriptions to end');
    await relayCaughtUp(services);
    const sub = subscribe<EventView>(client, EVENTS, variables);
    await waitForListeners(services, baseListeners + 1);
    return sub;
  }

  it('without after sends only events from now on, in cursor order', async () => {
    await produceLogEvents(server.api.services.changes, 5, 1, 'before');
    const sub = await liveEvents();
    const cursors = await produceLogEvents(server.api.services.changes, 6, 2, 'after');
    const seen = await sub.waitFor(6);
    expect(seen.map((event) => event.cursor)).toEqual(cursors);
    expect(seen.every((event) => event.data.tag === 'after')).toBe(true);
    sub.unsubscribe();
  });

  it('with after "0" replays every retained event, then goes live', async () => {
    const stored = await cursorsInDb('0');
    const sub = await liveEvents({ after: '0' });
    await sub.waitFor(stored.length);
    const more = await produceLogEvents(server.api.services.changes, 3);
    const seen = await sub.waitFor(stored.length + 3);
    expect(seen.map((event) => event.cursor)).toEqual([...stored, ...more]);
    sub.unsubscribe();
  });

  it('joins replay and live with no gap and no duplicate while events keep coming', async () => {
    const { changes } = server.api.services;
    const earlier = await produceLogEvents(changes, 600, 3, 'join-early');
    const from = earlier[99]!;
    let producing = true;
    const producer = (async () => {
      const written: string[] = [];
      for (let round = 0; round < 150 || producing; round += 1) written.push(...(await produceLogEvents(changes, 2, 2, 'join-late')));
      return written;
    })();
    const sub = subscribe<EventView>(client, EVENTS, { after: from });
    await sub.waitFor(700);
    producing = false;
    const late = await producer;
    const expected = await cursorsInDb(from);
    expect(expected.slice(-late.length)).toEqual(late);
    const seen = await sub.waitFor(expected.length);
    expect(seen.map((event) => event.cursor)).toEqual(expected);
    sub.unsubscribe();
  });

  it('narrows replayed and live events by agentId and kinds', async () => {
    const { services } = server.api;
    const agent = (await server.admin.data<{ createAgent: { id: string } }>(`mutation { createAgent(input: { name: "narrow", type: "health-check", config: {} }) { id } }`)).createAgent.id;
    await recordEvent(services, { kind: 'LOG', agentId: agent, data: { n: 1 } });
    const head = (await cursorsInDb('0')).at(-1)!;
    const sub = subscribe<EventView>(client, EVENTS, { after: '0', agentId: agent, kinds: ['AGENT_STATUS'] });
    const [created] = await sub.waitFor(1);
    expect(created).toMatchObject({ kind: 'AGENT_STATUS', agentId: agent, data: { action: 'agent.created' } });
    await recordEvent(services, { kind: 'AGENT_STATUS', agentId: agent, status: 'STOPPED', data: { n: 2 } });
    await recordEvent(services, { kind: 'AGENT_STATUS', data: { n: 3 } });
    await recordEvent(services, { kind: 'LOG', agentId: agent, data: { n: 4 } });
    await recordEvent(services, { kind: 'AGENT_STATUS', agentId: agent, status: 'ERROR', data: { n: 5 } });
    const seen = await sub.waitFor(3);
    expect(seen.slice(1).map((event) => event.data.n)).toEqual([2, 5]);
    expect(await cursorsInDb(head, `agent_id = '${agent}' AND kind = 'AGENT_STATUS'`)).toEqual(seen.slice(1).map((event) => event.cursor));
    sub.unsubscribe();
  });

  it('never sends a change that rolled back: the next real event arrives with no trace of it', async () => {
    const { services } = server.api;
    const sub = await liveEvents();
    let rolledBack = '';
    await expect(
      services.changes.run(TEST_ACTOR, async (tx) => {
        // An event row that takes a cursor, then the transaction fails.
        const rows: { cursor: string }[] = await tx.manager.query(`INSERT INTO events (kind, data) VALUES ('LOG', '{"doomed": true}') RETURNING cursor`);
        rolledBack = rows[0]!.cursor;
        await tx.record({ kind: 'LOG', data: { doomed: true } }, { level: 'INFO', message: 'doomed change' });
        throw new Error('fails after writing');
      }),
    ).rejects.toThrow('fails after writing');
    const duplicate = await server.admin.request(`mutation { createAgent(input: { name: "narrow", type: "health-check", config: {} }) { id } }`);
    expect(errorCode(duplicate)).toBe('CONFLICT');
    const real = await recordEvent(services, { kind: 'LOG', data: { real: true } });
    const [first] = await sub.waitFor(1);
    expect(first).toMatchObject({ cursor: real, data: { real: true } });
    expect(BigInt(real)).toBeGreaterThan(BigInt(rolledBack));
    expect(await sql(server.db.url, `SELECT 1 FROM events WHERE cursor = $1 OR data ? 'doomed'`, [rolledBack])).toEqual([]);
    expect(await sql(server.db.url, `SELECT 1 FROM agent_logs WHERE message = 'doomed change'`)).toEqual([]);
    sub.unsubscribe();
  });

  it('refuses a malformed cursor with BAD_USER_INPUT', async () => {
    const sub = subscribe<EventView>(client, EVENTS, { after: 'abc' });
    await sub.ended().catch(() => undefined);
    const errors = sub.nextErrors.length > 0 ? sub.nextErrors : (sub.failure as { extensions?: { code?: string } }[]);
    expect(errors[0]!.extensions!['code']).toBe('BAD_USER_INPUT');
  });
});
