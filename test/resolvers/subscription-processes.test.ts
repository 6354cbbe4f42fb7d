import 'reflect-metadata';
import type { Client } from 'graphql-ws';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { ChangeRunner } from '../../src/services/events/change-runner';
import { createKey, revokeKey } from '../support/api-keys';
import { eventually, produceLogEvents, relayCaughtUp, subscribe, waitForListeners } from '../support/live';
import { cleanEnv, spawnMain, type MainProcess } from '../support/main-process';
import { startOwnRedis, type OwnRedis } from '../support/redis-server';
import { sql } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';
import { wsClient } from '../support/ws-client';

const EVENTS = `subscription ($after: String, $kinds: [EventKind!]) { events(after: $after, kinds: $kinds) { cursor kind status actor agentId } }`;

interface EventView {
  cursor: string;
  kind: string;
  status: string | null;
  actor: string;
  agentId: string | null;
}

describe('subscriptions across API processes, a worker process and Redis', () => {
  let redis: OwnRedis;
  let a: TestServer;
  let b: TestServer;
  let worker: MainProcess;
  let standIn: DataSource;
  const clients: Client[] = [];

  beforeAll(async () => {
    redis = await startOwnRedis();
    a = await startTestServer({ env: { REDIS_URL: redis.url } });
    // Same database, keys and admin key: another instance of the same deployment.
    b = await startTestServer({ db: a.db, env: { REDIS_URL: redis.url, DATA_DIR: a.dataDir, ADMIN_API_KEY: a.adminKey } });
    worker = spawnMain(cleanEnv({ DATABASE_URL: a.db.url, REDIS_URL: redis.url, DATA_DIR: a.dataDir, LOG_LEVEL: 'warn' }), 'dist/src/worker-main.js');
    await worker.waitForStdout(/velocity worker (\S+) running/, 30_000);
    standIn = createDataSource({ url: a.db.url, poolSize: 2, applicationName: 'velocity-test-standin' });
    await standIn.initialize();
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await worker?.stop();
    await standIn?.destroy();
    await Promise.all([a?.api.close(), b?.api.close()]);
    await b?.close();
    await a?.close();
    await redis?.stop();
  });

  /** B runs with A's admin key (the helper's own `admin` client holds the key B was not given). */
  const bAdmin = () => b.as(a.adminKey);

  function client(server: TestServer, key = server.adminKey): Client {
    const created = wsClient(server.wsUrl, key);
    clients.push(created);
    return created;
  }

  it("brings B's changes and the worker's status changes to a subscriber on A, and B's revocations close A's sockets", async () => {
    const base = a.api.services.bus.listenerCount;
    await relayCaughtUp(a.api.services);
    const onA = subscribe<EventView>(client(a), EVENTS, { kinds: ['AGENT_STATUS', 'TASK_STATUS'] });
    const statuses = subscribe<{ status: string; agent: { name: string } }>(client(a), `subscription { agentStatusChanged { status agent { name } } }`);
    await waitForListeners(a.api.services, base + 2);

    const { createAgent } = await bAdmin().data<{ createAgent: { id: string } }>(`mutation { createAgent(input: { name: "far", type: "health-check", config: {} }) { id } }`);
    await bAdmin().data(`mutation ($id: ID!) { startAgent(id: $id) { status } }`, { id: createAgent.id });
    expect((await statuses.waitFor(3, 30_000)).map((event) => [event.agent.name, event.status])).toEqual([
      ['far', 'CREATED'],
      ['far', 'STARTING'],
      ['far', 'RUNNING'],
    ]);
    const task = await bAdmin().data<{ distributeTask: { id: string } }>(`mutation ($id: ID!) { distributeTask(input: { type: "noop", agentId: $id }) { id } }`, { id: createAgent.id });
    const seen = await onA.waitFor(6, 30_000);
    expect(seen.map((event) => [event.kind, event.status])).toEqual([
      ['AGENT_STATUS', 'CREATED'],
      ['AGENT_STATUS', 'STARTING'],
      ['AGENT_STATUS', 'RUNNING'],
      ['TASK_STATUS', 'QUEUED'],
      ['TASK_STATUS', 'RUNNING'],
      ['TASK_STATUS', 'SUCCEEDED'],
    ]);
    // RUNNING and the task's progress were written by the worker process, not by an API process.
    expect(seen[2]!.actor).not.toBe('admin');
    expect(seen[5]!.actor).not.toBe('admin');
    expect(task.distributeTask.id).toBeTruthy();
    onA.unsubscribe();
    statuses.unsubscribe();

    const doomed = await createKey(bAdmin(), 'far-viewer', 'VIEWER');
    const socket = client(a, doomed.secret);
    const closed = new Promise<number>((resolve) => socket.on('closed', (event) => resolve((event as { code: number }).code)));
    const held = subscribe(socket, `subscription { overviewUpdated { queueDepth } }`);
    await held.waitFor(1);
    await revokeKey(bAdmin(), doomed.id);
    expect(await closed).toBe(4403);
  });

  it('resumes a client from its last cursor with every event exactly once, in order, though Redis was down meanwhile', async () => {
    const { services } = a.api;
    const first = client(a);
    await relayCaughtUp(services);
    const base = services.bus.listenerCount;
    const before = subscribe<EventView>(first, EVENTS);
    await waitForListeners(services, base + 1);
    const early = await produceLogEvents(services.changes, 10, 2, 'before-disconnect');
    await before.waitFor(10);
    const lastSeen = before.values.at(-1)!.cursor;
    expect(lastSeen).toBe(early.at(-1));
    await first.dispose();

    // 500 events while the client is away: a fifth through B's API, the rest by another process; Redis dies at 150 and returns at 350.
    const otherProcess = new ChangeRunner(standIn);
    const { createAgent } = await bAdmin().data<{ createAgent: { id: string } }>(`mutation { createAgent(input: { name: "gapless", type: "health-check", config: {} }) { id } }`);
    for (let n = 1; n < 500; n += 1) {
      if (n === 150) await redis.stop();
      if (n === 350) await redis.start();
      if (n % 5 === 0) await bAdmin().data(`mutation ($id: ID!, $m: Int!) { updateAgent(id: $id, input: { maxConcurrency: $m }) { id } }`, { id: createAgent.id, m: 1 + (n % 7) });
      else await produceLogEvents(otherProcess, 1, 1, 'elsewhere');
    }
    const missed = (await sql<{ cursor: string }>(a.db.url, 'SELECT e.cursor::text AS cursor FROM events e WHERE e.cursor > $1 ORDER BY e.cursor', [lastSeen])).map((row) => row.cursor);
    expect(missed).toHaveLength(500);

    // Resumes on the other instance, B.
    const resumed = subscribe<EventView>(client(b, a.adminKey), EVENTS, { after: lastSeen });
    await resumed.waitFor(500, 30_000);
    const live = await produceLogEvents(services.changes, 5, 1, 'after-resume');
    const all = await resumed.waitFor(505);
    expect(all.map((event) => event.cursor)).toEqual([...missed, ...live]);
    await eventually(async () => (await fetch(`${a.url}/readyz`)).status === 200, 15_000, 'A ready again with Redis back');
    resumed.unsubscribe();
  });
});
