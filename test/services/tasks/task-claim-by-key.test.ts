import { Client } from 'pg';
import { distribute, runningAgent, taskReaches } from '../../support/agents';
import { heldTarget } from '../../support/held-target';
import { rowsReadInTransactionSql } from '../../support/test-database';
import { startTestServer, type TestServer } from '../../support/test-server';
import { waitFor } from '../../support/wait-for';
import { TaskClaimer } from '../../../src/services/tasks/task-claim';
import { fastClaimSql } from '../../../src/services/tasks/task-fast-paths';

/**
 * A worker's connection plans the claim once and keeps that plan (PL/pgSQL), usually while the
 * database is new and its tables nearly empty. The claim must still cost the same when
 * thousands of tasks are queued behind it: in a fresh database it once walked every QUEUED
 * task on each claim (1,117 rows read here with a thousand queued, before migration 9).
 */
describe('the claim of a plain task', () => {
  let server: TestServer;
  let agentId: string;
  let worker: Client;
  beforeAll(async () => {
    server = await startTestServer({ env: { RUN_WORKER: 'true' } });
    agentId = await runningAgent(server.admin, 'claim-by-key', 1_000);
    worker = new Client({ connectionString: server.db.url });
    await worker.connect();
  });
  afterAll(async () => {
    await worker.end();
    await server.close();
  });

  /** Queues `count` tasks due in an hour, so no worker of the server runs them. */
  const queue = async (count: number): Promise<string[]> => {
    const inputs = Array.from({ length: count }, () => ({ type: 'noop', agentId, runAt: new Date(Date.now() + 3_600_000).toISOString() }));
    const { distributeTasks } = await server.admin.data<{ distributeTasks: { id: string }[] }>(
      `mutation ($inputs: [DistributeTaskInput!]!) { distributeTasks(inputs: $inputs) { id } }`,
      { inputs },
    );
    return distributeTasks.map((task) => task.id);
  };
  const claim = async (taskId: string): Promise<string[]> => {
    const { rows } = await worker.query<{ id: string }>(fastClaimSql(taskId, 'claim-by-key-worker', { name: 'worker:claim-by-key', correlationId: null }));
    return rows.map((row) => row.id);
  };

  it('reads a bounded number of rows when two thousand tasks are queued behind it, on a connection that planned it while the table was nearly empty', async () => {
    // PL/pgSQL settles on a statement's plan by its sixth execution in a session.
    for (const taskId of await queue(8)) expect(await claim(taskId)).toEqual([taskId]);

    const backlog = [...(await queue(1_000)), ...(await queue(1_000))];
    await worker.query('BEGIN');
    const claimed = await claim(backlog[500]!);
    const { rows } = await worker.query<{ rows: string }>(rowsReadInTransactionSql('agent_tasks'));
    await worker.query('ROLLBACK');

    expect(claimed).toEqual([backlog[500]]);
    // The task and its agent by their keys, and the running tasks for the guard's count (index
    // entries of earlier versions included): a few dozen here, where a walk of the queue reads
    // two thousand.
    expect(Number(rows[0]!.rows)).toBeLessThan(200);
  });

  /**
   * A workflow run whose first step's agent is kept busy by a long task (maxConcurrency 1), with
   * `otherSteps` (YAML) after it: answers the
   * run, the step's task once the server's worker has tried it and left it waiting for a slot
   * (from then on nothing of the server's touches it until the agent frees a slot), and a
   * function that frees the slot.
   */
  const runWaitingForASlot = async (name: string, otherSteps = ''): Promise<{ runId: string; stepTaskId: string; freeTheSlot(): Promise<void> }> => {
    const busyAgent = await runningAgent(server.admin, `${name}-busy`, 1);
    const long = await distribute(server.admin, { type: 'noop', agentId: busyAgent, payload: { sleepMs: 60_000 } });
    await taskReaches(server.admin, long.id, ['RUNNING']);
    await server.admin.data(`mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }`, {
      input: { definition: `name: ${name}\nsteps:\n  - id: only\n    task: noop\n    agent: ${name}-busy\n${otherSteps}` },
    });
    const { runWorkflow } = await server.admin.data<{ runWorkflow: { id: string } }>(`mutation ($name: String!) { runWorkflow(input: { name: $name }) { id } }`, { name });
    const stepTask = await waitFor(async () => {
      const { workflowRun } = await server.admin.data<{ workflowRun: { steps: { task: { id: string; status: string } | null }[] } }>(
        `query ($id: ID!) { workflowRun(id: $id) { steps { task { id status } } } }`,
        { id: runWorkflow.id },
      );
      return workflowRun.steps[0]?.task ?? undefined;
    }, "the step's task");
    expect(stepTask.status).toBe('QUEUED');
    await waitFor(async () => {
      const { rows } = await worker.query<{ blocked: boolean }>('SELECT blocked_at IS NOT NULL AS blocked FROM agent_tasks WHERE id = $1', [stepTask.id]);
      return rows[0]!.blocked ? true : undefined;
    }, "the step's task waiting for a slot");
    return {
      runId: runWorkflow.id,
      stepTaskId: stepTask.id,
      async freeTheSlot() {
        await server.admin.data(`mutation ($id: ID!) { cancelTask(id: $id) { status } }`, { id: long.id });
        await taskReaches(server.admin, long.id, ['CANCELLED']);
      },
    };
  };
  const runStatus = async (runId: string) =>
    (
      await server.admin.data<{ workflowRun: { status: string; error: string | null; steps: { status: string; error: string | null; task: { status: string } }[] } }>(
        `query ($id: ID!) { workflowRun(id: $id) { status error steps { status error task { status } } } }`,
        { id: runId },
      )
    ).workflowRun;
  const cancelRun = (runId: string) => server.admin.data(`mutation ($id: ID!) { cancelWorkflowRun(id: $id) { status } }`, { id: runId });

  it("leaves a workflow's queued task unlocked when it declines it, so cancelling the run meanwhile cancels the task", async () => {
    const { runId, stepTaskId, freeTheSlot } = await runWaitingForASlot('claim-by-key');
    // A worker's fast claim of it, in a transaction still open while the run is cancelled.
    await worker.query('BEGIN');
    expect(await claim(stepTaskId)).toEqual([]);
    await cancelRun(runId);
    await worker.query('COMMIT');

    expect((await taskReaches(server.admin, stepTaskId, ['CANCELLED', 'RUNNING', 'SUCCEEDED'], 5_000)).status).toBe('CANCELLED');
    await freeTheSlot();
  });

  it("cancels a workflow's task that a claim found its agent too busy for while the run was being cancelled", async () => {
    const { runId, stepTaskId, freeTheSlot } = await runWaitingForASlot('claim-blocked');
    const { services } = server.api;
    const claimer = new TaskClaimer(services.taskHooks, 'claim-blocked-worker', () => false);
    // A worker's claim holds the task's row when the run is cancelled (which skips a locked task,
    // leaving it to the hook), then finds the agent at its maxConcurrency.
    const outcome = await services.changes.run({ name: 'worker:claim-blocked', correlationId: null }, async (tx) => {
      await tx.manager.query('SELECT 1 FROM agent_tasks WHERE id = $1 FOR UPDATE', [stepTaskId]);
      await cancelRun(runId);
      return claimer.claimLocked(tx, stepTaskId);
    });
    expect(outcome).toEqual({ kind: 'skip' });

    // Cancelled now, while the agent's one slot is still taken: not started once it frees.
    const { error: _error, ...workflowRun } = await runStatus(runId);
    expect(workflowRun).toEqual({ status: 'CANCELLED', steps: [{ status: 'CANCELLED', error: 'the run was cancelled by admin', task: { status: 'CANCELLED' } }] });
    await freeTheSlot();
  });

  it("skips a workflow's task that a claim found its agent too busy for while another step failed the run", async () => {
    // The other step's check is held until the first step's task is held by the claim below.
    const target = await heldTarget();
    await runningAgent(server.admin, 'claim-failing-checker');
    const { runId, stepTaskId, freeTheSlot } = await runWaitingForASlot(
      'claim-failing',
      `  - id: check\n    task: http.check\n    agent: claim-failing-checker\n    maxAttempts: 1\n    payload: { url: '${target.url}', timeoutMs: 30000 }\n`,
    );
    await waitFor(async () => (target.isHeld() ? true : undefined), 'the check to be held');
    const { services } = server.api;
    const claimer = new TaskClaimer(services.taskHooks, 'claim-failing-worker', () => false);
    const outcome = await services.changes.run({ name: 'worker:claim-failing', correlationId: null }, async (tx) => {
      await tx.manager.query('SELECT 1 FROM agent_tasks WHERE id = $1 FOR UPDATE', [stepTaskId]);
      // The check fails: the run fails, skipping the steps not started but this one, held here.
      target.fail();
      await waitFor(async () => ((await runStatus(runId)).status === 'FAILED' ? true : undefined), 'the run to fail');
      return claimer.claimLocked(tx, stepTaskId);
    });
    expect(outcome).toEqual({ kind: 'skip' });
    const run = await runStatus(runId);
    expect(run.steps[0]).toEqual({ status: 'SKIPPED', error: `not started: the run failed (${run.error})`, task: { status: 'CANCELLED' } });
    await freeTheSlot();
    await target.close();
  });
});
