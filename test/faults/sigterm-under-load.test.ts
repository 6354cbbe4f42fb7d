import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { distribute, runningAgent } from '../support/agents';
import { graphqlClient } from '../support/graphql-client';
import type { MainProcess } from '../support/main-process';
import { createTestDatabase, sql, type TestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { spawnApi } from './fault-processes';

// SIGTERM to an API process (with its worker) while HTTP requests are in flight, a WebSocket
// subscription is open and tasks run: the requests finish with 200, the socket is closed with
// 1012 (service restart, which clients retry), the process exits 0, and every running task
// either finished or went back to the queue.

interface InFlight {
  /** Sends the rest of the body. */
  finish(): void;
  response: Promise<{ status: number; body: string }>;
}

/**
 * A POST the server has already started on: its headers are in (the server answered
 * `100 Continue`, which it does as it takes the request up) and half its body is sent.
 */
async function requestInFlight(url: string, key: string, query: string): Promise<InFlight> {
  const body = JSON.stringify({ query });
  const agent = new Agent({ keepAlive: false });
  const req = request(`${url}/graphql`, {
    method: 'POST',
    agent,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${key}`, expect: '100-continue' },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
  });
  await new Promise<void>((resolve, reject) => {
    req.once('continue', () => resolve());
    req.once('error', reject);
    req.flushHeaders();
  });
  const half = Math.floor(body.length / 2);
  req.write(body.slice(0, half));
  return { finish: () => req.end(body.slice(half)), response };
}

/** A graphql-ws socket with a live subscription running; resolves once the server acknowledged it. */
function openSubscription(wsUrl: string, key: string): Promise<{ closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
    const closed = new Promise<number>((done) => socket.on('close', (code) => done(code)));
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${key}` } })));
    socket.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as { type: string };
      if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: 'live', type: 'subscribe', payload: { query: 'subscription { events { cursor kind } }' } }));
        resolve({ closed });
      }
    });
    socket.on('error', reject);
  });
}

describe('SIGTERM under load', () => {
  let db: TestDatabase;
  let dataDir: string;
  let api: { process: MainProcess; url: string } | undefined;
  const adminKey = `vel_test_admin_${randomBytes(12).toString('hex')}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'velocity-sigterm-'));
  });
  afterAll(async () => {
    await api?.process.stop();
    await db?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes in-flight requests, closes sockets with 1012, exits 0 and leaves no task RUNNING', async () => {
    api = await spawnApi({ DATABASE_URL: db.url, DATA_DIR: dataDir, ADMIN_API_KEY: adminKey, RUN_WORKER: 'true', LOG_LEVEL: 'warn' });
    const client = graphqlClient(api.url, adminKey);
    const agentId = await runningAgent(client, 'sigterm-agent', 10);
    const short = await Promise.all(Array.from({ length: 4 }, () => distribute(client, { type: 'noop', agentId, payload: { sleepMs: 1_500 } })));
    const long = await Promise.all(Array.from({ length: 3 }, () => distribute(client, { type: 'noop', agentId, payload: { sleepMs: 120_000 } })));
    await waitFor(async () => {
      const rows = await sql<{ n: string }>(db.url, `SELECT count(*) AS n FROM agent_tasks WHERE status = 'RUNNING'`);
      return rows[0]!.n === '7' ? true : undefined;
    }, 'every task to be RUNNING');
    const subscription = await openSubscription(api.url.replace(/^http/, 'ws') + '/graphql', adminKey);
    const inFlight = await Promise.all([
      requestInFlight(api.url, adminKey, '{ me { name } }'),
      requestInFlight(api.url, adminKey, '{ agents { totalCount edges { node { name health { runningTasks } } } } }'),
      requestInFlight(api.url, adminKey, '{ tasks(first: 10) { totalCount } }'),
    ]);

    api.process.child.kill('SIGTERM');
    // The socket closing shows the shutdown has begun; only then do the requests' bodies arrive.
    expect(await subscription.closed).toBe(1012);
    for (const request of inFlight) request.finish();
    const responses = await Promise.all(inFlight.map((request) => request.response));
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).not.toHaveProperty('errors');
    }
    expect(JSON.parse(responses[0]!.body)).toEqual({ data: { me: { name: 'admin' } } });

    expect(await api.process.exited).toEqual({ code: 0, signal: null });
    const tasks = await sql<{ id: string; status: string }>(db.url, 'SELECT id, status FROM agent_tasks');
    const statusOf = new Map(tasks.map((task) => [task.id, task.status]));
    expect(tasks.filter((task) => task.status === 'RUNNING')).toEqual([]);
    expect(short.map((task) => statusOf.get(task.id))).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    // Handed back: queued again, to run on the next worker.
    expect(long.map((task) => statusOf.get(task.id))).toEqual(['QUEUED', 'QUEUED', 'QUEUED']);
    const jobs = await sql<{ n: string }>(db.url, `SELECT count(*) AS n FROM graphile_worker._private_jobs WHERE key = ANY($1::text[]) AND locked_at IS NULL`, [long.map((task) => task.id)]);
    expect(jobs[0]!.n).toBe('3');
  }, 120_000);
});
