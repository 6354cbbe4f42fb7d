import { createKey, type TestKey } from '../support/api-keys';
import { runningAgent } from '../support/agents';
import { errorCode, type GraphQLClient } from '../support/graphql-client';
import { sql } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';
import { wsClient } from '../support/ws-client';

// Workflows run end to end: real server, real in-process worker, real health-check agents.

const CREATE = `mutation ($definition: String!) { createWorkflow(input: { definition: $definition }) { id version } }`;
const RUN_FIELDS = `id status error input startedAt completedAt workflow { id name version }
  steps { stepId status attempts output error startedAt completedAt task { id status attempts startedAt completedAt } }`;

interface StepState {
  stepId: string;
  status: string;
  attempts: number;
  output: any;
  error: string | null;
  task: { id: string; status: string; attempts: number; startedAt: string | null; completedAt: string | null } | null;
}

interface RunState {
  id: string;
  status: string;
  error: string | null;
  workflow: { id: string; name: string; version: number };
  steps: StepState[];
}

async function runState(client: GraphQLClient, id: string): Promise<RunState> {
  return (await client.data<{ workflowRun: RunState }>(`query ($id: ID!) { workflowRun(id: $id) { ${RUN_FIELDS} } }`, { id })).workflowRun;
}

async function runReaches(client: GraphQLClient, id: string, statuses: string[], timeoutMs = 30_000): Promise<RunState> {
  return waitFor(async () => {
    const run = await runState(client, id);
    return statuses.includes(run.status) ? run : undefined;
  }, `run ${id} to reach ${statuses.join('/')}`, timeoutMs);
}

const stepOf = (run: RunState, id: string): StepState => run.steps.find((step) => step.stepId === id)!;

describe('workflow runs on an in-process worker', () => {
  let server: TestServer;
  let operator: TestKey;
  let ops: GraphQLClient;
  const create = async (definition: string): Promise<{ id: string; version: number }> => (await server.admin.data<{ createWorkflow: { id: string; version: number } }>(CREATE, { definition })).createWorkflow;
  const run = async (input: Record<string, unknown>): Promise<RunState> => (await ops.data<{ runWorkflow: RunState }>(`mutation ($input: RunWorkflowInput!) { runWorkflow(input: $input) { ${RUN_FIELDS} } }`, { input })).runWorkflow;

  beforeAll(async () => {
    server = await startTestServer({ env: { RUN_WORKER: 'true', TASK_RETRY_BASE_MS: '50' } });
    operator = await createKey(server.admin, 'wf-runner', 'OPERATOR');
    ops = server.as(operator.secret);
    await runningAgent(server.admin, 'wf-probe', 8);
  });
  afterAll(async () => {
    await server.close();
  });

  it('runs a diamond to SUCCEEDED, passing outputs along, with b and c overlapping in time', async () => {
    await create(`name: diamond
steps:
  - id: a
    task: noop
    agentType: health-check
    payload: { output: { value: "\${{ input.seed }}", n: 7 } }
  - id: b
    task: noop
    dependsOn: [a]
    payload: { sleepMs: 700, output: "\${{ steps.a.output.output.value }}-b" }
  - id: c
    task: noop
    dependsOn: [a]
    payload: { sleepMs: 700, output: "\${{ steps.a.output.output.n }}" }
  - id: d
    task: noop
    agent: wf-probe
    dependsOn: [b, c]
    payload: { output: { fromB: "\${{ steps.b.output.output }}", fromC: "\${{ steps.c.output.output }}", text: "c=\${{ steps.c.output.output }}" } }
`);
    const started = await run({ name: 'diamond', input: { seed: 'xyz' } });
    expect(started.status).toBe('PENDING');
    expect(started.steps.map((step) => [step.stepId, step.status])).toEqual([
      ['a', 'QUEUED'],
      ['b', 'PENDING'],
      ['c', 'PENDING'],
      ['d', 'PENDING'],
    ]);
    const done = await runReaches(ops, started.id, ['SUCCEEDED', 'FAILED', 'CANCELLED']);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.steps.map((step) => step.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    expect(stepOf(done, 'b').output).toEqual({ output: 'xyz-b', attempt: 1 });
    // A string that is exactly one template keeps the value's JSON type (a number here).
    expect(stepOf(done, 'c').output).toEqual({ output: 7, attempt: 1 });
    expect(stepOf(done, 'd').output).toEqual({ output: { fromB: 'xyz-b', fromC: 7, text: 'c=7' }, attempt: 1 });
    const b = stepOf(done, 'b').task!;
    const c = stepOf(done, 'c').task!;
    expect(new Date(b.startedAt!).getTime()).toBeLessThan(new Date(c.completedAt!).getTime());
    expect(new Date(c.startedAt!).getTime()).toBeLessThan(new Date(b.completedAt!).getTime());
    // Each step ran exactly one task; the run's status went PENDING → RUNNING → SUCCEEDED, once each.
    const tasks = await sql<{ step_id: string }>(server.db.url, 'SELECT step_id FROM agent_tasks WHERE workflow_run_id = $1 ORDER BY step_id', [done.id]);
    expect(tasks.map((task) => task.step_id)).toEqual(['a', 'b', 'c', 'd']);
    const runEvents = await sql<{ status: string; previous_status: string | null; actor: string }>(
      server.db.url,
      `SELECT status, previous_status, actor FROM events WHERE kind = 'WORKFLOW_RUN_STATUS' AND workflow_run_id = $1 ORDER BY cursor`,
      [done.id],
    );
    expect(runEvents.map((event) => [event.previous_status, event.status])).toEqual([
      [null, 'PENDING'],
      ['PENDING', 'RUNNING'],
      ['RUNNING', 'SUCCEEDED'],
    ]);
    expect(runEvents[0]!.actor).toBe('wf-runner');
    const stepEvents = await sql<{ data: any }>(server.db.url, `SELECT data FROM events WHERE kind = 'STEP_STATUS' AND workflow_run_id = $1 ORDER BY cursor`, [done.id]);
    const succeeded = stepEvents.filter((event) => event.data.step.status === 'SUCCEEDED').map((event) => event.data.step.stepId);
    expect(succeeded.sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(stepEvents.every((event) => event.data.run.id === done.id && typeof event.data.log.message === 'string')).toBe(true);
  });

  it('streams the run\'s changes to a workflowRunUpdated subscriber until it succeeds', async () => {
    await create('name: watched\nsteps:\n  - id: first\n    task: noop\n    payload: { sleepMs: 1500 }\n  - id: second\n    task: noop\n    dependsOn: [first]\n');
    const started = await run({ name: 'watched' });
    const client = wsClient(server.wsUrl, operator.secret);
    const seen: { status: string; steps: { stepId: string; status: string }[] }[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no SUCCEEDED update; saw ${JSON.stringify(seen)}`)), 30_000);
        client.subscribe<{ workflowRunUpdated: (typeof seen)[number] & { id: string } }>(
          { query: `subscription ($id: ID) { workflowRunUpdated(runId: $id) { id status steps { stepId status } } }`, variables: { id: started.id } },
          {
            next: (value) => {
              const update = value.data?.workflowRunUpdated;
              if (update === undefined) return reject(new Error(JSON.stringify(value.errors)));
              expect(update.id).toBe(started.id);
              seen.push(update);
              if (update.status === 'SUCCEEDED') {
                clearTimeout(timer);
                resolve();
              }
            },
            error: (error: unknown) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
            complete: () => undefined,
          },
        );
      });
    } finally {
      await client.dispose();
    }
    // Updates come in commit order and end with the finished run and its finished steps.
    const order = ['PENDING', 'RUNNING', 'SUCCEEDED'];
    const statuses = seen.map((update) => order.indexOf(update.status));
    expect(statuses).toEqual([...statuses].sort((a, b) => a - b));
    expect(seen[seen.length - 1]!.steps).toEqual([
      { stepId: 'first', status: 'SUCCEEDED' },
      { stepId: 'second', status: 'SUCCEEDED' },
    ]);
  });

  it('fails the run and skips the steps not started when a step with onFailure fail fails', async () => {
    await create(`name: failing
steps:
  - id: a
    task: noop
    maxAttempts: 1
    payload: { failTimes: 1 }
  - id: b
    task: noop
    dependsOn: [a]
  - id: c
    task: noop
    dependsOn: [b]
`);
    const started = await run({ name: 'failing' });
    const done = await runReaches(ops, started.id, ['SUCCEEDED', 'FAILED', 'CANCELLED']);
    expect(done.status).toBe('FAILED');
    expect(done.error).toMatch(/step "a" failed: noop failing attempt 1/);
    expect(done.steps.map((step) => [step.stepId, step.status, step.task === null])).toEqual([
      ['a', 'FAILED', false],
      ['b', 'SKIPPED', true],
      ['c', 'SKIPPED', true],
    ]);
  });

  it('lets dependents run after a step with onFailure continue fails, and the run succeeds', async () => {
    await create(`name: tolerant
steps:
  - id: a
    task: noop
    maxAttempts: 1
    onFailure: continue
    payload: { failTimes: 1 }
  - id: b
    task: noop
    dependsOn: [a]
    payload: { output: "\${{ steps.a.output.output }}" }
  - id: c
    task: noop
    dependsOn: [b]
`);
    const started = await run({ name: 'tolerant' });
    const done = await runReaches(ops, started.id, ['SUCCEEDED', 'FAILED', 'CANCELLED']);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.steps.map((step) => [step.stepId, step.status])).toEqual([
      ['a', 'FAILED'],
      ['b', 'SUCCEEDED'],
      ['c', 'SUCCEEDED'],
    ]);
    expect(stepOf(done, 'b').output).toEqual({ output: null, attempt: 1 });
  });

  it('retries a step as attempts of one task and succeeds on the third attempt', async () => {
    await create(`name: stubborn
steps:
  - id: flaky
    task: noop
    maxAttempts: 3
    payload: { failTimes: 2, output: done }
`);
    const started = await run({ name: 'stubborn' });
    const done = await runReaches(ops, started.id, ['SUCCEEDED', 'FAILED', 'CANCELLED']);
    expect(done.status).toBe('SUCCEEDED');
    expect(stepOf(done, 'flaky')).toMatchObject({ status: 'SUCCEEDED', attempts: 3, output: { output: 'done', attempt: 3 }, error: null });
    const tasks = await sql(server.db.url, 'SELECT id FROM agent_tasks WHERE workflow_run_id = $1', [done.id]);
    expect(tasks).toHaveLength(1);
    const attempts = await sql<{ attempts: number }>(
      server.db.url,
      `SELECT DISTINCT (data->'step'->>'attempts')::int AS attempts FROM events WHERE kind = 'STEP_STATUS' AND workflow_run_id = $1 ORDER BY 1`,
      [done.id],
    );
    expect(attempts.map((row) => row.attempts)).toEqual([0, 1, 2, 3]);
  });

  it('cancels a run with a running step: the run ends CANCELLED, the running task is aborted, the rest skipped', async () => {
    await create(`name: long
steps:
  - id: slow
    task: noop
    payload: { sleepMs: 60000 }
  - id: after
    task: noop
    dependsOn: [slow]
`);
    const started = await run({ name: 'long' });
    await waitFor(async () => (stepOf(await runState(ops, started.id), 'slow').status === 'RUNNING' ? true : undefined), 'step slow RUNNING');
    const { cancelWorkflowRun } = await ops.data<{ cancelWorkflowRun: RunState }>(`mutation ($id: ID!) { cancelWorkflowRun(id: $id) { ${RUN_FIELDS} } }`, { id: started.id });
    expect(cancelWorkflowRun.status).toBe('CANCELLED');
    expect(cancelWorkflowRun.error).toBe('cancelled by wf-runner');
    expect(stepOf(cancelWorkflowRun, 'after').status).toBe('SKIPPED');
    const settled = await waitFor(async () => {
      const state = await runState(ops, started.id);
      return stepOf(state, 'slow').status === 'CANCELLED' ? state : undefined;
    }, 'step slow CANCELLED', 20_000);
    expect(settled.status).toBe('CANCELLED');
    expect(stepOf(settled, 'slow').task!.status).toBe('CANCELLED');
    expect(errorCode(await ops.request(`mutation ($id: ID!) { cancelWorkflowRun(id: $id) { id } }`, { id: started.id }))).toBe('CONFLICT');
    const audit = await sql<{ actor: string; message: string }>(server.db.url, `SELECT actor, message FROM agent_logs WHERE message LIKE '%cancelled by wf-runner%' AND metadata->>'workflowRunId' = $1`, [started.id]);
    expect(audit[0]).toEqual({ actor: 'wf-runner', message: expect.stringContaining(`workflow run ${started.id} of "long" version 1 cancelled by wf-runner`) });
  });

  it('runs the latest version by name, or the version asked for', async () => {
    await create('name: versioned\nsteps:\n  - id: only\n    task: noop\n    payload: { output: one }\n');
    const second = await create('name: versioned\nsteps:\n  - id: only\n    task: noop\n    payload: { output: two }\n');
    expect(second.version).toBe(2);
    const latest = await run({ name: 'versioned' });
    expect(latest.workflow).toMatchObject({ id: second.id, version: 2 });
    const pinned = await run({ name: 'versioned', version: 1 });
    expect(pinned.workflow.version).toBe(1);
    expect(stepOf(await runReaches(ops, latest.id, ['SUCCEEDED']), 'only').output).toEqual({ output: 'two', attempt: 1 });
    expect(stepOf(await runReaches(ops, pinned.id, ['SUCCEEDED']), 'only').output).toEqual({ output: 'one', attempt: 1 });
  });

  it('resolves `agent:` when the step starts, failing the step when no such agent exists', async () => {
    await create('name: named-agent\nsteps:\n  - id: only\n    task: noop\n    agent: created-later\n');
    const missing = await runReaches(ops, (await run({ name: 'named-agent' })).id, ['FAILED']);
    expect(stepOf(missing, 'only').error).toBe('agent "created-later" does not exist');
    await runningAgent(server.admin, 'created-later', 2);
    const found = await runReaches(ops, (await run({ name: 'named-agent' })).id, ['SUCCEEDED', 'FAILED']);
    expect(found.status).toBe('SUCCEEDED');
    const task = await sql<{ name: string }>(server.db.url, 'SELECT a.name FROM agent_tasks t JOIN agent_instances a ON a.id = t.agent_id WHERE t.workflow_run_id = $1', [found.id]);
    expect(task[0]!.name).toBe('created-later');
  });
});
