import { setTimeout as delay } from 'node:timers/promises';
import type { Client } from 'graphql-ws';
import { distribute, runningAgent } from '../support/agents';
import { subscribe, waitForListeners, type Subscription } from '../support/live';
import { startOwnRedis, type OwnRedis } from '../support/redis-server';
import { sql } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';
import { wsClient } from '../support/ws-client';

// Redis is only the status cache: stopping it for 10 s under load must not fail a query, must
// show in /readyz, and must not cost a single event, live or replayed.

const OUTAGE_MS = 10_000;
const QUERY = `{ agents(first: 10) { totalCount edges { node { name status health { queuedTasks runningTasks succeededTasks successRate } } } } overview { queueDepth } tasks(first: 5) { totalCount } }`;

interface Load {
  stop(): Promise<void>;
  queries: number;
  tasks: number;
  errors: string[];
}

describe('a Redis outage under load', () => {
  let redis: OwnRedis;
  let server: TestServer;
  let socket: Client;

  beforeAll(async () => {
    redis = await startOwnRedis();
    server = await startTestServer({ env: { REDIS_URL: redis.url, RUN_WORKER: 'true', MUTATION_RATE_BURST: '100000', MUTATION_RATE_PER_SECOND: '100000' } });
    socket = wsClient(server.wsUrl, server.adminKey);
  });
  afterAll(async () => {
    await socket?.dispose();
    await server?.close();
    await redis?.stop();
  });

  const readiness = async (): Promise<{ status: number; body: { checks: Record<string, string> } }> => {
    const response = await fetch(`${server.url}/readyz`);
    return { status: response.status, body: (await response.json()) as { checks: Record<string, string> } };
  };

  /** Two query loops and one task-submitting loop, each request checked, until stopped. */
  function startLoad(agentId: string): Load {
    let stopped = false;
    const load: Load = { stop: async () => undefined, queries: 0, tasks: 0, errors: [] };
    const loop = async (step: () => Promise<void>): Promise<void> => {
      while (!stopped) {
        try {
          await step();
        } catch (error: unknown) {
          load.errors.push(String(error));
        }
      }
    };
    const query = async (): Promise<void> => {
      const response = await server.admin.request(QUERY);
      if (response.errors !== undefined) throw new Error(JSON.stringify(response.errors));
      load.queries += 1;
    };
    const submit = async (): Promise<void> => {
      await distribute(server.admin, { type: 'noop', agentId, payload: { sleepMs: 20 } });
      load.tasks += 1;
    };
    const loops = Promise.all([loop(query), loop(query), loop(submit)]);
    load.stop = async () => {
      stopped = true;
      await loops;
    };
    return load;
  }

  it('keeps answering, reports Redis in /readyz, and loses no event while Redis is down for 10 s', async () => {
    const agentId = await runningAgent(server.admin, 'outage-agent', 20);
    expect((await readiness()).status).toBe(200);
    const listeners = server.api.services.bus.listenerCount;
    const live: Subscription<{ cursor: string }> = subscribe(socket, `subscription { events { cursor kind } }`);
    await waitForListeners(server.api.services, listeners + 1);
    const before = (await sql<{ head: string }>(server.db.url, 'SELECT coalesce(max(cursor), 0)::text AS head FROM events'))[0]!.head;

    const load = startLoad(agentId);
    await waitFor(async () => (load.queries > 20 && load.tasks > 5 ? true : undefined), 'the load to run');
    await redis.stop();
    const stoppedAt = Date.now();
    const down = await waitFor(async () => {
      const ready = await readiness();
      return ready.status === 503 ? ready : undefined;
    }, '/readyz to report Redis down', 5_000);
    expect(down.body.checks['redis']).toMatch(/unavailable/);
    expect(down.body.checks['postgres']).toBe('ok');
    const atOutage = { queries: load.queries, tasks: load.tasks };
    // The outage itself: nothing to await, Redis stays down this long.
    await delay(OUTAGE_MS - (Date.now() - stoppedAt));
    const duringOutage = { queries: load.queries - atOutage.queries, tasks: load.tasks - atOutage.tasks };
    expect((await readiness()).status).toBe(503);
    await redis.start();
    await waitFor(async () => ((await readiness()).status === 200 ? true : undefined), '/readyz to be ready again', 15_000);
    await waitFor(async () => (load.tasks > atOutage.tasks + duringOutage.tasks + 5 ? true : undefined), 'more load after the outage');
    await load.stop();

    expect(load.errors).toEqual([]);
    expect(duringOutage.queries).toBeGreaterThan(20);
    expect(duringOutage.tasks).toBeGreaterThan(5);

    // Everything settles, then a last change after the outage.
    await waitFor(async () => {
      const rows = await sql<{ n: string }>(server.db.url, `SELECT count(*) AS n FROM agent_tasks WHERE status IN ('QUEUED', 'RUNNING')`);
      return rows[0]!.n === '0' ? true : undefined;
    }, 'every task to finish', 60_000);
    await distribute(server.admin, { type: 'noop', agentId });
    const stored = (await sql<{ cursor: string }>(server.db.url, 'SELECT e.cursor::text AS cursor FROM events e WHERE e.cursor > $1 ORDER BY e.cursor', [before])).map((row) => row.cursor);

    // events(after:) replays every event of the period, in order.
    const replayed: string[] = [];
    let after = before;
    for (;;) {
      const { events } = await server.admin.data<{ events: { edges: { cursor: string }[]; pageInfo: { hasNextPage: boolean } } }>(
        `query ($after: String) { events(after: $after, first: 500) { edges { cursor } pageInfo { hasNextPage } } }`,
        { after },
      );
      replayed.push(...events.edges.map((edge) => edge.cursor));
      if (!events.pageInfo.hasNextPage || events.edges.length === 0) break;
      after = events.edges[events.edges.length - 1]!.cursor;
    }
    expect(replayed.slice(0, stored.length)).toEqual(stored);

    // The subscription opened before the outage saw all of it live, and what came after.
    await live.waitFor(stored.length, 30_000);
    expect(live.values.map((event) => event.cursor).filter((cursor) => BigInt(cursor) > BigInt(before)).slice(0, stored.length)).toEqual(stored);
    expect(live.failure).toBeUndefined();
    live.unsubscribe();
  }, 180_000);
});
