import { createServer, type Server } from 'node:http';
import { distribute, runningAgent, taskReaches } from '../support/agents';
import { heldTarget } from '../support/held-target';
import { sql } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';

// retryTask on a workflow step's failed task: the run follows the retried task again.

interface RunState {
  id: string;
  status: string;
  error: string | null;
  completedAt: string | null;
  steps: { stepId: string; status: string; error: string | null; output: any; task: { id: string; status: string } | null }[];
}

const RUN_FIELDS = 'id status error completedAt steps { stepId status error output task { id status } }';

/** The first step of both workflows: one GET of `url`, failing while nothing listens there. */
const probeStep = (url: string): string => `  - id: probe
    task: http.check
    agent: wf-retry
    maxAttempts: 1
    payload: { url: '${url}', timeoutMs: 5000 }
`;

const stepStatuses = (run: RunState): string[][] => run.steps.map((step) => [step.stepId, step.status]);

/** A port nothing listens on now: a GET to it is refused until `listen` is called. */
async function closedPort(): Promise<{ url: string; listen(): Promise<Server> }> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return {
    url: `http://127.0.0.1:${port}/`,
    async listen() {
      const server = createServer((_request, response) => response.end('up'));
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      return server;
    },
  };
}

describe('retrying the failed task of a workflow step', () => {
  let server: TestServer;
  const listening: Server[] = [];

  beforeAll(async () => {
    server = await startTestServer({ env: { RUN_WORKER: 'true', TASK_RETRY_BASE_MS: '50' } });
    await runningAgent(server.admin, 'wf-retry', 8);
  });
  afterAll(async () => {
    await Promise.all(listening.map((target) => new Promise((resolve) => target.close(resolve))));
    await server.close();
  });

  const runState = async (id: string): Promise<RunState> => (await server.admin.data<{ workflowRun: RunState }>(`query ($id: ID!) { workflowRun(id: $id) { ${RUN_FIELDS} } }`, { id })).workflowRun;
  const runReaches = (id: string, statuses: string[]): Promise<RunState> =>
    waitFor(async () => {
      const run = await runState(id);
      return statuses.includes(run.status) ? run : undefined;
    }, `run ${id} to reach ${statuses.join('/')}`, 30_000);
  const runWorkflow = async (name: string, definition: string): Promise<string> => {
    await server.admin.data(`mutation ($definition: String!) { createWorkflow(input: { definition: $definition }) { id } }`, { definition });
    return (await server.admin.data<{ runWorkflow: { id: string } }>(`mutation ($name: String!) { runWorkflow(input: { name: $name }) { id } }`, { name })).runWorkflow.id;
  };
  /** Runs a workflow whose first step probes a port nothing listens on yet, then `rest` (its other steps, YAML). */
  const runProbing = async (name: string, rest: string): Promise<{ target: Awaited<ReturnType<typeof closedPort>>; runId: string }> => {
    const target = await closedPort();
    return { target, runId: await runWorkflow(name, `name: ${name}\nsteps:\n${probeStep(target.url)}${rest}`) };
  };
  const retryTask = async (id: string): Promise<void> => {
    const { retryTask: retried } = await server.admin.data<{ retryTask: { status: string } }>(`mutation ($id: ID!) { retryTask(id: $id) { status } }`, { id });
    expect(retried.status).toBe('QUEUED');
  };
  /** Opens the port the first step failed on, then retries that step's task; answers the task's id. */
  const retryFirstStep = async (failed: RunState, target: { listen(): Promise<Server> }): Promise<string> => {
    listening.push(await target.listen());
    const taskId = failed.steps[0]!.task!.id;
    await retryTask(taskId);
    return taskId;
  };

  it('runs the failed run again and succeeds when the failed step is retried and the rest follow it', async () => {
    const { target, runId } = await runProbing(
      'retry-chain',
      `  - id: next
    task: noop
    agent: wf-retry
    dependsOn: [probe]
    payload: { output: '\${{ steps.probe.output.status }}' }
  - id: last
    task: noop
    agent: wf-retry
    dependsOn: [next]
`,
    );
    const failed = await runReaches(runId, ['SUCCEEDED', 'FAILED', 'CANCELLED']);
    expect(failed.status).toBe('FAILED');
    expect(stepStatuses(failed)).toEqual([
      ['probe', 'FAILED'],
      ['next', 'SKIPPED'],
      ['last', 'SKIPPED'],
    ]);
    const probeTask = await retryFirstStep(failed, target);
    const done = await runReaches(runId, ['SUCCEEDED', 'FAILED', 'CANCELLED']);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.error).toBeNull();
    expect(done.steps.map((step) => [step.stepId, step.status, step.error])).toEqual([
      ['probe', 'SUCCEEDED', null],
      ['next', 'SUCCEEDED', null],
      ['last', 'SUCCEEDED', null],
    ]);
    expect(done.steps[0]!.task!.id).toBe(probeTask);
    expect(done.steps[1]!.output).toEqual({ output: 200, attempt: 1 });
    // The audit log says why a failed run ran again, and the run's events tell subscribers.
    const lines = await sql<{ message: string }>(server.db.url, `SELECT message FROM agent_logs WHERE metadata->>'workflowRunId' = $1 ORDER BY id`, [runId]);
    expect(lines.map((line) => line.message)).toContainEqual(expect.stringMatching(/^workflow run .* running again: step "probe" its task was retried by /));
    const runEvents = await sql<{ status: string; previous_status: string | null }>(server.db.url, `SELECT status, previous_status FROM events WHERE kind = 'WORKFLOW_RUN_STATUS' AND workflow_run_id = $1 ORDER BY cursor`, [runId]);
    expect(runEvents.map((event) => [event.previous_status, event.status])).toContainEqual(['FAILED', 'RUNNING']);
    expect(runEvents.at(-1)).toEqual({ status: 'SUCCEEDED', previous_status: 'RUNNING' });
  });

  it('leaves the run failed when another step still fails it, and the retried task runs on its own', async () => {
    // The probe fails only once the other step has failed: had it failed first, the run would
    // have skipped that step while its task was still QUEUED.
    const target = await heldTarget();
    listening.push(target.server);
    const runId = await runWorkflow(
      'retry-two-failures',
      `name: retry-two-failures
steps:
${probeStep(target.url)}  - id: broken
    task: noop
    agent: wf-retry
    maxAttempts: 1
    payload: { failTimes: 1 }
  - id: after
    task: noop
    agent: wf-retry
    dependsOn: [probe, broken]
`,
    );
    await waitFor(async () => {
      const broken = await sql(server.db.url, `SELECT 1 FROM agent_tasks WHERE workflow_run_id = $1 AND step_id = 'broken' AND status = 'FAILED'`, [runId]);
      return target.isHeld() && broken.length > 0 ? true : undefined;
    }, 'the probe to be held and the broken step to fail');
    target.fail();
    const failed = await waitFor(async () => {
      const run = await runState(runId);
      return run.status === 'FAILED' && run.steps.every((step) => step.status !== 'QUEUED' && step.status !== 'RUNNING') ? run : undefined;
    }, 'the run failed with both steps ended', 30_000);
    expect(stepStatuses(failed)).toEqual([
      ['probe', 'FAILED'],
      ['broken', 'FAILED'],
      ['after', 'SKIPPED'],
    ]);
    const probeTask = failed.steps[0]!.task!.id;
    await retryTask(probeTask);
    // The step follows its task no more once the run is over; the task's own outcome is its.
    await taskReaches(server.admin, probeTask, ['SUCCEEDED']);
    const after = await runState(runId);
    expect(after.status).toBe('FAILED');
    expect(after.completedAt).toBe(failed.completedAt);
    expect(stepStatuses(after)).toEqual(stepStatuses(failed));
  });
  it('leaves a skipped step whose own task was retried meanwhile to that task when the run runs again', async () => {
    // An agent kept busy by a slow task: the run's side step waits QUEUED for its one slot.
    const busyAgent = await runningAgent(server.admin, 'wf-busy', 1);
    const slow = await distribute(server.admin, { type: 'noop', agentId: busyAgent, payload: { sleepMs: 1_500 } });
    await taskReaches(server.admin, slow.id, ['RUNNING']);
    // The probe's first request is held, then dropped once the side step waits: the run fails
    // while the side step's task is QUEUED (a task a worker holds at that moment is not skipped).
    const target = await heldTarget();
    listening.push(target.server);
    const runId = await runWorkflow('retry-side-step', `name: retry-side-step\nsteps:\n${probeStep(target.url)}  - id: side\n    task: noop\n    agent: wf-busy\n`);
    await waitFor(async () => {
      const waiting = await sql(server.db.url, `SELECT 1 FROM agent_tasks WHERE workflow_run_id = $1 AND step_id = 'side' AND blocked_at IS NOT NULL`, [runId]);
      return target.isHeld() && waiting.length > 0 ? true : undefined;
    }, 'the probe to be held and the side step to wait for a slot');
    target.fail();
    const failed = await runReaches(runId, ['SUCCEEDED', 'FAILED', 'CANCELLED']);
    expect(stepStatuses(failed)).toEqual([
      ['probe', 'FAILED'],
      ['side', 'SKIPPED'],
    ]);
    // The operator retries the side step's cancelled task first: it runs on its own.
    const sideTask = failed.steps[1]!.task!.id;
    await retryTask(sideTask);
    await taskReaches(server.admin, sideTask, ['SUCCEEDED'], 30_000);
    // Then the failed step's: the run runs again, and the side step is not started a second time.
    await retryTask(failed.steps[0]!.task!.id);
    const done = await runReaches(runId, ['SUCCEEDED', 'FAILED', 'CANCELLED']);
    expect(done.status).toBe('SUCCEEDED');
    expect(stepStatuses(done)).toEqual([
      ['probe', 'SUCCEEDED'],
      ['side', 'SKIPPED'],
    ]);
    expect(done.steps[1]!.task!.id).toBe(sideTask);
    expect(await sql(server.db.url, `SELECT id FROM agent_tasks WHERE workflow_run_id = $1 AND step_id = 'side'`, [runId])).toHaveLength(1);
  });
});
