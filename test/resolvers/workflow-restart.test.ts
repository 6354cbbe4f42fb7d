import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runningAgent } from '../support/agents';
import { graphqlClient, type GraphQLClient } from '../support/graphql-client';
import { cleanEnv, freePort, spawnMain, type MainProcess } from '../support/main-process';
import { createTestDatabase, sql, type TestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';

// Every process of the product (the API with its in-process worker, and a separate worker)
// is SIGKILLed while a workflow run is in the middle of its parallel steps, then started
// again: the run goes on from where it was and finishes, each step run by one task.

const DIAMOND = `name: survivor
steps:
  - id: a
    task: noop
    payload: { output: 1 }
  - id: b
    task: noop
    dependsOn: [a]
    payload: { sleepMs: 4000, output: "\${{ steps.a.output.output }}" }
  - id: c
    task: noop
    dependsOn: [a]
    payload: { sleepMs: 4000, output: 2 }
  - id: d
    task: noop
    dependsOn: [b, c]
    payload: { output: "\${{ steps.b.output.output }}-\${{ steps.c.output.output }}" }
`;

describe('a workflow run across the restart of every process', () => {
  let db: TestDatabase;
  let dataDir: string;
  const adminKey = `vel_test_admin_${randomBytes(12).toString('hex')}`;
  const processes: MainProcess[] = [];

  const env = (port: number): Record<string, string> =>
    cleanEnv({
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      PORT: String(port),
      ADMIN_API_KEY: adminKey,
      RUN_WORKER: 'true',
      LOG_LEVEL: 'warn',
      WORKER_HEARTBEAT_MS: '300',
      WORKER_STALE_MS: '1500',
      TASK_RETRY_BASE_MS: '50',
    });

  /** The API process (with its worker) and one more worker process. */
  async function startAll(): Promise<{ client: GraphQLClient; api: MainProcess; worker: MainProcess }> {
    const port = await freePort();
    const api = spawnMain(env(port));
    const worker = spawnMain(env(0), 'dist/src/worker-main.js');
    processes.push(api, worker);
    const [listening] = await Promise.all([api.waitForStdout(/listening on (\S+)\/graphql/, 60_000), worker.waitForStdout(/velocity worker \S+ running/, 60_000)]);
    return { client: graphqlClient(listening[1]!, adminKey), api, worker };
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'velocity-wf-restart-'));
  });
  afterAll(async () => {
    await Promise.all(processes.map((process) => process.stop()));
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes the run after SIGKILL of every process, each step run by one task (retried as attempts)', async () => {
    const first = await startAll();
    await runningAgent(first.client, 'restart-probe', 8);
    await first.client.data(`mutation ($definition: String!) { createWorkflow(input: { definition: $definition }) { id } }`, { definition: DIAMOND });
    const { runWorkflow } = await first.client.data<{ runWorkflow: { id: string } }>(`mutation { runWorkflow(input: { name: "survivor" }) { id } }`);
    const runId = runWorkflow.id;
    await waitFor(async () => {
      const running = await sql(db.url, `SELECT step_id FROM workflow_step_runs WHERE run_id = $1 AND status = 'RUNNING'`, [runId]);
      return running.length === 2 ? true : undefined;
    }, 'steps b and c RUNNING', 30_000);
    first.api.child.kill('SIGKILL');
    first.worker.child.kill('SIGKILL');
    await Promise.all([first.api.exited, first.worker.exited]);

    const second = await startAll();
    const done = await waitFor(async () => {
      const { workflowRun } = await second.client.data<{ workflowRun: { status: string; steps: { stepId: string; status: string; attempts: number; output: any }[] } }>(
        `query ($id: ID!) { workflowRun(id: $id) { status steps { stepId status attempts output } } }`,
        { id: runId },
      );
      return ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(workflowRun.status) ? workflowRun : undefined;
    }, 'the run to finish after the restart', 90_000);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.steps.map((step) => [step.stepId, step.status])).toEqual([
      ['a', 'SUCCEEDED'],
      ['b', 'SUCCEEDED'],
      ['c', 'SUCCEEDED'],
      ['d', 'SUCCEEDED'],
    ]);
    expect(done.steps.find((step) => step.stepId === 'd')!.output.output).toBe('1-2');
    // One task per step, never a duplicate; the interrupted ones ran again as a new attempt of the same task.
    const tasks = await sql<{ step_id: string; attempts: number }>(db.url, 'SELECT step_id, attempts FROM agent_tasks WHERE workflow_run_id = $1 ORDER BY step_id', [runId]);
    expect(tasks.map((task) => task.step_id)).toEqual(['a', 'b', 'c', 'd']);
    expect(tasks.filter((task) => task.step_id === 'b' || task.step_id === 'c').every((task) => task.attempts >= 2)).toBe(true);
    const finals = await sql<{ step: string }>(
      db.url,
      `SELECT data->'step'->>'stepId' AS step FROM events WHERE kind = 'STEP_STATUS' AND workflow_run_id = $1 AND status = 'SUCCEEDED' ORDER BY 1`,
      [runId],
    );
    expect(finals.map((row) => row.step)).toEqual(['a', 'b', 'c', 'd']);
    const runEnds = await sql(db.url, `SELECT cursor FROM events WHERE kind = 'WORKFLOW_RUN_STATUS' AND workflow_run_id = $1 AND status = 'SUCCEEDED'`, [runId]);
    expect(runEnds).toHaveLength(1);
  }, 240_000);
});
