import { Client } from 'pg';
import { returningRows } from '../../../src/db/returning-rows';
import type { Actor, Services } from '../../../src/services';
import { DomainError } from '../../../src/services/errors/domain-error';
import type { ChangeTransaction } from '../../../src/services/events/change-transaction';
import { TASK_COLUMNS, taskFromRow, type TaskRow } from '../../../src/services/tasks/task-row';
import { WorkflowEngine } from '../../../src/services/workflows/workflow-engine';
import type { WorkflowTaskPort, WorkflowTaskSpec } from '../../../src/services/workflows/workflow-task-port';
import { sql } from '../../support/test-database';
import { startTestServer, type TestServer } from '../../support/test-server';

// The engine against real PostgreSQL, with a stand-in for the task engine's side of the port:
// it writes real QUEUED agent_tasks rows in the caller's transaction, and the tests play the
// worker by changing a task's status and calling the hook in that same transaction.

const OPERATOR: Actor = { name: 'engine-operator', correlationId: 'test' };
const WORKER: Actor = { name: 'worker:test', correlationId: null };

class StandInTaskPort implements WorkflowTaskPort {
  engine!: WorkflowEngine;
  /** Steps whose enqueue is refused (after writing a row, to prove the savepoint undoes it). */
  readonly refuse = new Set<string>();

  constructor(private readonly agentId: string) {}

  async enqueue(tx: ChangeTransaction, spec: WorkflowTaskSpec): Promise<{ id: string; agentId: string }> {
    const rows: { id: string }[] = await tx.manager.query(
      `INSERT INTO agent_tasks (agent_id, type, status, payload, max_attempts, priority, timeout_seconds, workflow_run_id, step_id, created_by)
       VALUES ($1, $2, 'QUEUED', $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [this.agentId, spec.type, JSON.stringify(spec.payload), spec.maxAttempts, spec.priority, spec.timeoutSeconds, spec.workflowRunId, spec.stepId, tx.actor.name],
    );
    if (this.refuse.has(spec.stepId)) throw new DomainError('NO_AGENT_AVAILABLE', `no RUNNING agent accepts task type "${spec.type}"`);
    return { id: rows[0]!.id, agentId: this.agentId };
  }

  async cancel(tx: ChangeTransaction, taskId: string): Promise<void> {
    const rows: TaskRow[] = await tx.manager.query(`SELECT ${TASK_COLUMNS} FROM agent_tasks t WHERE t.id = $1 FOR UPDATE`, [taskId]);
    if (rows[0]!.status === 'QUEUED') {
      const cancelled = returningRows<TaskRow>(await tx.manager.query(`UPDATE agent_tasks t SET status = 'CANCELLED', completed_at = now() WHERE t.id = $1 RETURNING ${TASK_COLUMNS}`, [taskId]));
      await this.engine.onTaskChanged(tx, taskFromRow(cancelled[0]!), 'QUEUED');
    } else if (rows[0]!.status === 'RUNNING') {
      await tx.manager.query('UPDATE agent_tasks SET cancel_requested_at = now() WHERE id = $1', [taskId]);
    }
  }
}

describe('WorkflowEngine with a stand-in task port', () => {
  let server: TestServer;
  let services: Services;
  let port: StandInTaskPort;
  let engine: WorkflowEngine;

  const createWorkflow = (text: string) => services.workflows.create(OPERATOR, text);
  const steps = (runId: string) =>
    sql<{ step_id: string; status: string; task_id: string | null; output: any; error: string | null }>(
      server.db.url,
      'SELECT step_id, status, task_id, output, error FROM workflow_step_runs WHERE run_id = $1 ORDER BY position',
      [runId],
    );
  const runStatus = async (runId: string) => (await sql<{ status: string; error: string | null }>(server.db.url, 'SELECT status, error FROM workflow_runs WHERE id = $1', [runId]))[0]!;
  const taskOf = async (runId: string, stepId: string) => (await steps(runId)).find((step) => step.step_id === stepId)!.task_id!;
  const taskStatus = async (taskId: string) =>
    (await sql<{ status: string; cancel_requested_at: Date | null }>(server.db.url, 'SELECT status, cancel_requested_at FROM agent_tasks WHERE id = $1', [taskId]))[0]!;

  /** Plays the worker: changes the task and calls the hook in the same transaction. */
  async function drive(taskId: string, status: string, extra: { result?: unknown; error?: string } = {}): Promise<void> {
    await services.changes.run(WORKER, async (tx) => {
      const before: TaskRow[] = await tx.manager.query(`SELECT ${TASK_COLUMNS} FROM agent_tasks t WHERE t.id = $1 FOR UPDATE`, [taskId]);
      const rows = returningRows<TaskRow>(
        await tx.manager.query(
          `UPDATE agent_tasks t SET status = $2, result = $3, error = $4,
             attempts = attempts + CASE WHEN $2 = 'RUNNING' THEN 1 ELSE 0 END, started_at = coalesce(started_at, now()),
             completed_at = CASE WHEN $2 IN ('SUCCEEDED', 'FAILED', 'CANCELLED') THEN now() END
           WHERE t.id = $1 RETURNING ${TASK_COLUMNS}`,
          [taskId, status, extra.result === undefined ? null : JSON.stringify(extra.result), extra.error ?? null],
        ),
      );
      await engine.onTaskChanged(tx, taskFromRow(rows[0]!), before[0]!.status);
    });
  }

  beforeAll(async () => {
    server = await startTestServer();
    services = server.api.services;
    const agent = await server.admin.data<{ createAgent: { id: string } }>(`mutation { createAgent(input: { name: "stand-in", type: "health-check", config: {} }) { id } }`);
    port = new StandInTaskPort(agent.createAgent.id);
    engine = new WorkflowEngine(services.changes, services.workflows, port, { maxPayloadBytes: 10_000 });
    port.engine = engine;
    await createWorkflow('name: diamond\nsteps:\n  - id: a\n    task: noop\n  - id: b\n    task: noop\n    dependsOn: [a]\n  - id: c\n    task: noop\n    dependsOn: [a]\n  - id: d\n    task: noop\n    dependsOn: [b, c]\n    payload: { output: "${{ steps.b.output.v }}+${{ steps.c.output.v }}" }\n');
  });
  afterAll(async () => {
    await server.close();
  });

  it('advances a run exactly once when two workers finish sibling steps at the same moment', async () => {
    for (let round = 0; round < 5; round += 1) {
      const run = await engine.start(OPERATOR, { name: 'diamond' });
      await drive(await taskOf(run.id, 'a'), 'RUNNING');
      await drive(await taskOf(run.id, 'a'), 'SUCCEEDED', { result: {} });
      const [b, c] = [await taskOf(run.id, 'b'), await taskOf(run.id, 'c')];
      await Promise.all([drive(b, 'RUNNING'), drive(c, 'RUNNING')]);
      await Promise.all([drive(b, 'SUCCEEDED', { result: { v: 'B' } }), drive(c, 'SUCCEEDED', { result: { v: round } })]);
      const dTasks = await sql<{ payload: any }>(server.db.url, `SELECT payload FROM agent_tasks WHERE workflow_run_id = $1 AND step_id = 'd'`, [run.id]);
      expect(dTasks).toEqual([{ payload: { output: `B+${round}` } }]);
      const queuedEvents = await sql(server.db.url, `SELECT cursor FROM events WHERE kind = 'STEP_STATUS' AND workflow_run_id = $1 AND data->'step'->>'stepId' = 'd' AND status = 'QUEUED'`, [run.id]);
      expect(queuedEvents).toHaveLength(1);
      await drive(await taskOf(run.id, 'd'), 'RUNNING');
      await drive(await taskOf(run.id, 'd'), 'SUCCEEDED', { result: 'done' });
      expect(await runStatus(run.id)).toEqual({ status: 'SUCCEEDED', error: null });
      const ends = await sql(server.db.url, `SELECT cursor FROM events WHERE kind = 'WORKFLOW_RUN_STATUS' AND workflow_run_id = $1 AND status = 'SUCCEEDED'`, [run.id]);
      expect(ends).toHaveLength(1);
    }
  });

  it('on a failure with onFailure fail: skips queued and pending steps, cancels queued tasks, lets running ones finish', async () => {
    await createWorkflow(
      'name: policy\nsteps:\n  - id: x\n    task: noop\n  - id: q\n    task: noop\n  - id: r\n    task: noop\n  - id: qd\n    task: noop\n    dependsOn: [q]\n  - id: rd\n    task: noop\n    dependsOn: [r]\n',
    );
    const run = await engine.start(OPERATOR, { name: 'policy' });
    const [x, q, r] = [await taskOf(run.id, 'x'), await taskOf(run.id, 'q'), await taskOf(run.id, 'r')];
    await drive(r, 'RUNNING');
    await drive(x, 'RUNNING');
    await drive(x, 'FAILED', { error: 'boom' });
    expect(await runStatus(run.id)).toEqual({ status: 'FAILED', error: 'step "x" failed: boom' });
    expect((await steps(run.id)).map((step) => [step.step_id, step.status])).toEqual([
      ['x', 'FAILED'],
      ['q', 'SKIPPED'],
      ['r', 'RUNNING'],
      ['qd', 'SKIPPED'],
      ['rd', 'SKIPPED'],
    ]);
    expect((await taskStatus(q)).status).toBe('CANCELLED');
    await drive(r, 'SUCCEEDED', { result: { late: true } });
    const after = await steps(run.id);
    expect(after.find((step) => step.step_id === 'r')).toMatchObject({ status: 'SUCCEEDED', output: { late: true } });
    expect(after.find((step) => step.step_id === 'rd')!.status).toBe('SKIPPED');
    expect((await runStatus(run.id)).status).toBe('FAILED');
  });

  it('fails a step whose task is refused, leaves no task of it behind, and with continue starts its dependents', async () => {
    await createWorkflow('name: refused\nsteps:\n  - id: a\n    task: noop\n    onFailure: continue\n  - id: b\n    task: noop\n    dependsOn: [a]\n');
    port.refuse.add('a');
    try {
      const run = await engine.start(OPERATOR, { name: 'refused' });
      expect(run.status).toBe('PENDING');
      expect((await steps(run.id)).map((step) => [step.step_id, step.status, step.error])).toEqual([
        ['a', 'FAILED', 'NO_AGENT_AVAILABLE: no RUNNING agent accepts task type "noop"'],
        ['b', 'QUEUED', null],
      ]);
      const tasks = await sql<{ step_id: string }>(server.db.url, 'SELECT step_id FROM agent_tasks WHERE workflow_run_id = $1', [run.id]);
      expect(tasks.map((task) => task.step_id)).toEqual(['b']);
    } finally {
      port.refuse.delete('a');
    }
  });

  it('cancels a run: pending steps skipped, queued ones cancelled, running ones aborted then CANCELLED', async () => {
    await createWorkflow('name: cancelme\nsteps:\n  - id: r\n    task: noop\n  - id: q\n    task: noop\n  - id: p\n    task: noop\n    dependsOn: [r]\n');
    const run = await engine.start(OPERATOR, { name: 'cancelme' });
    const [r, q] = [await taskOf(run.id, 'r'), await taskOf(run.id, 'q')];
    await drive(r, 'RUNNING');
    const cancelled = await engine.cancel(OPERATOR, run.id);
    expect(cancelled).toMatchObject({ status: 'CANCELLED', error: 'cancelled by engine-operator' });
    expect((await steps(run.id)).map((step) => [step.step_id, step.status])).toEqual([
      ['r', 'RUNNING'],
      ['q', 'CANCELLED'],
      ['p', 'SKIPPED'],
    ]);
    expect((await taskStatus(q)).status).toBe('CANCELLED');
    expect((await taskStatus(r)).cancel_requested_at).not.toBeNull();
    await drive(r, 'CANCELLED', { error: 'cancelled while running' });
    expect((await steps(run.id))[0]).toMatchObject({ step_id: 'r', status: 'CANCELLED' });
    await expect(engine.cancel(OPERATOR, run.id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('does not wait for a task a worker holds locked while cancelling; the hook cancels it when the worker commits', async () => {
    await createWorkflow('name: contended\nsteps:\n  - id: only\n    task: noop\n');
    const run = await engine.start(OPERATOR, { name: 'contended' });
    const taskId = await taskOf(run.id, 'only');
    const worker = new Client({ connectionString: server.db.url });
    await worker.connect();
    try {
      await worker.query('BEGIN');
      await worker.query('SELECT id FROM agent_tasks WHERE id = $1 FOR UPDATE', [taskId]);
      const cancelled = await engine.cancel(OPERATOR, run.id);
      expect(cancelled.status).toBe('CANCELLED');
      expect((await steps(run.id))[0]!.status).toBe('QUEUED');
      await worker.query('ROLLBACK');
    } finally {
      await worker.end();
    }
    // The worker's claim commits after the cancel: the hook sees the cancelled run and aborts the task.
    await drive(taskId, 'RUNNING');
    expect((await taskStatus(taskId)).cancel_requested_at).not.toBeNull();
    await drive(taskId, 'CANCELLED');
    expect((await steps(run.id))[0]!.status).toBe('CANCELLED');
    expect((await runStatus(run.id)).status).toBe('CANCELLED');
  });

  it('ignores changes of tasks that are not a step\'s current task', async () => {
    const run = await engine.start(OPERATOR, { name: 'contended' });
    const stray: { id: string }[] = await sql(
      server.db.url,
      `INSERT INTO agent_tasks (agent_id, type, status, workflow_run_id, step_id) SELECT agent_id, 'noop', 'QUEUED', workflow_run_id, step_id FROM agent_tasks WHERE workflow_run_id = $1 RETURNING id`,
      [run.id],
    );
    const before = await sql(server.db.url, 'SELECT count(*)::int AS count FROM events');
    await drive(stray[0]!.id, 'RUNNING');
    const after = await sql(server.db.url, 'SELECT count(*)::int AS count FROM events');
    expect(after).toEqual(before);
    expect((await steps(run.id))[0]!.status).toBe('QUEUED');
  });
});
