import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runningAgent } from '../support/agents';
import { graphqlClient, type GraphQLClient } from '../support/graphql-client';
import { spawnWorker, type MainProcess } from '../support/main-process';
import { sql } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { alive, spawnApi } from './fault-processes';
import { startOwnPostgres, type OwnPostgres } from './own-postgres';

// PostgreSQL restarted under load, with an API process (and its worker) and a worker process against it:
// /readyz goes 503 then 200, requests in between fail cleanly (a coded error or a 503, never a
// dropped connection), neither process exits, no worker is taken for dead, and every task submitted reaches SUCCEEDED.

const QUERY = `{ agents(first: 5) { totalCount edges { node { name health { queuedTasks } } } } tasks(first: 5) { totalCount } }`;
const DISTRIBUTE = `mutation ($agentId: ID!, $sleepMs: Int!) { distributeTask(input: { type: "noop", agentId: $agentId, payload: { sleepMs: $sleepMs } }) { id } }`;

interface Outcomes {
  ok: number;
  /** Refusals by code (and HTTP status), e.g. "INTERNAL_SERVER_ERROR/200". */
  refused: Record<string, number>;
  /** Anything that is not a JSON answer with coded errors: a dropped connection, a non-JSON body, an uncoded error. */
  unclean: string[];
}

describe('PostgreSQL restarted under load', () => {
  let postgres: OwnPostgres;
  let dataDir: string;
  const adminKey = `vel_test_admin_${randomBytes(12).toString('hex')}`;
  const processes: MainProcess[] = [];

  beforeAll(async () => {
    postgres = await startOwnPostgres();
    dataDir = mkdtempSync(join(tmpdir(), 'velocity-pg-restart-'));
  });
  afterAll(async () => {
    await Promise.all(processes.map((process) => process.stop()));
    await postgres?.destroy();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports 503 then 200 on /readyz, fails requests cleanly, keeps both processes and loses no task', async () => {
    // Heartbeats go stale in 1.5 s: the outage outlasts that, and must still not count as a worker's death.
    const env = { DATABASE_URL: postgres.url, DATA_DIR: dataDir, ADMIN_API_KEY: adminKey, LOG_LEVEL: 'warn', TASK_RETRY_BASE_MS: '50', WORKER_HEARTBEAT_MS: '300', WORKER_STALE_MS: '1500' };
    // Two workers: the API's own and a worker process.
    const api = await spawnApi({ ...env, RUN_WORKER: 'true', MUTATION_RATE_BURST: '100000', MUTATION_RATE_PER_SECOND: '100000' });
    const worker = await spawnWorker({ ...env, WORKER_CONCURRENCY: '5' });
    processes.push(api.process, worker.process);
    const client: GraphQLClient = graphqlClient(api.url, adminKey);
    const agentId = await runningAgent(client, 'restart-agent', 20);
    const readiness = async (): Promise<number> => (await fetch(`${api.url}/readyz`)).status;

    // A failure says how the processes ended, or what they last printed.
    const tails = (): string =>
      [api, worker].map(({ process }) => `${alive(process) ? 'running' : `exited (${String(process.child.exitCode ?? process.child.signalCode)})`}:\n${process.stdout().slice(-2000)}${process.stderr().slice(-3000)}`).join('\n');
    try {
      const outcomes: Outcomes = { ok: 0, refused: {}, unclean: [] };
      const submitted: string[] = [];
      let stopped = false;
      const attempt = async (query: string, variables: Record<string, unknown>): Promise<Record<string, any> | null> => {
        try {
          const response = await client.request(query, variables);
          if (response.errors === undefined) {
            outcomes.ok += 1;
            return response.data ?? null;
          }
          const codes = response.errors.map((error) => error.extensions?.['code']);
          if (codes.some((code) => typeof code !== 'string') || (response.status >= 500 && response.status !== 503)) {
            outcomes.unclean.push(`${response.status} ${JSON.stringify(response.errors)}`);
          }
          const key = `${String(codes[0])}/${response.status}`;
          outcomes.refused[key] = (outcomes.refused[key] ?? 0) + 1;
        } catch (error: unknown) {
          outcomes.unclean.push(String(error));
        }
        return null;
      };
      const loop = async (step: () => Promise<void>): Promise<void> => {
        while (!stopped) await step();
      };
      const load = Promise.all([
        loop(async () => void (await attempt(QUERY, {}))),
        loop(async () => {
          const data = await attempt(DISTRIBUTE, { agentId, sleepMs: Math.floor(Math.random() * 200) });
          if (data !== null) submitted.push(data['distributeTask'].id);
        }),
      ]);

      await waitFor(async () => (submitted.length >= 20 ? true : undefined), 'tasks submitted before the restart');
      await postgres.stop();
      const stoppedAt = Date.now();
      await waitFor(async () => ((await readiness()) === 503 ? true : undefined), '/readyz to report PostgreSQL down', 10_000);
      const refusedBefore = Object.values(outcomes.refused).reduce((sum, n) => sum + n, 0);
      await waitFor(async () => (Object.values(outcomes.refused).reduce((sum, n) => sum + n, 0) >= refusedBefore + 10 ? true : undefined), 'requests to fail during the outage', 15_000);
      // Down for longer than WORKER_STALE_MS at least.
      await waitFor(async () => (Date.now() - stoppedAt > 2_500 ? true : undefined), 'the outage to outlast a heartbeat', 10_000);
      await postgres.start();
      await waitFor(async () => ((await readiness()) === 200 ? true : undefined), '/readyz to be ready again', 30_000);
      const afterRestart = submitted.length;
      await waitFor(async () => (submitted.length >= afterRestart + 10 ? true : undefined), 'tasks submitted after the restart', 30_000);
      stopped = true;
      await load;

      expect(outcomes.unclean).toEqual([]);
      expect(Object.keys(outcomes.refused).length).toBeGreaterThan(0);
      const unfinished = async (): Promise<{ status: string; n: string }[]> =>
        sql(postgres.url, 'SELECT status, count(*)::text AS n FROM agent_tasks WHERE id = ANY($1::uuid[]) GROUP BY status ORDER BY status', [submitted]);
      const statuses = await waitFor(async () => {
        const rows = await unfinished();
        return rows.every((row) => row.status === 'SUCCEEDED') ? rows : undefined;
      }, 'every submitted task to succeed', 90_000).catch(async (error: unknown) => {
        throw new Error(`${String(error)}: ${JSON.stringify(await unfinished())}\nworker: ${worker.process.stdout().slice(-3000)}${worker.process.stderr().slice(-3000)}\napi: ${api.process.stderr().slice(-2000)}`);
      });
      expect(statuses).toEqual([{ status: 'SUCCEEDED', n: String(submitted.length) }]);
      // Events get their cursors right after their commit, or within a second (the sequencer's poll) when that pass failed.
      await waitFor(async () => ((await sql(postgres.url, 'SELECT 1 FROM event_outbox LIMIT 1')).length === 0 ? true : undefined), 'every event to have its cursor', 10_000);
      const finals = await sql<{ n: string }>(postgres.url, `SELECT count(*)::text AS n FROM events WHERE kind = 'TASK_STATUS' AND status = 'SUCCEEDED' AND task_id = ANY($1::uuid[])`, [submitted]);
      expect(finals[0]!.n).toBe(String(submitted.length));
      expect([alive(api.process), alive(worker.process)]).toEqual([true, true]);
      // No process died, so no task was taken over from a "dead" worker.
      const takeovers = await sql(postgres.url, `SELECT message FROM agent_logs WHERE message LIKE '%taken over%'`);
      expect(takeovers).toEqual([]);
      expect(`${api.process.stderr()}${worker.process.stderr()}`).not.toMatch(/Unhandled|uncaught|FATAL/i);
    } catch (error: unknown) {
      if (error instanceof Error) error.message = `${error.message}\n${tails()}`;
      throw error;
    }
  }, 240_000);
});
