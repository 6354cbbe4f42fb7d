import { distribute, runningAgent, taskReaches } from '../../support/agents';
import { sql } from '../../support/test-database';
import { startTestServer, type TestServer } from '../../support/test-server';
import { waitFor } from '../../support/wait-for';
import { TASK_COLUMNS, taskFromRow, type TaskRow } from '../../../src/services/tasks/task-row';
import { taskSnapshot } from '../../../src/services/tasks/task-snapshot';

interface AuditLine {
  level: string;
  message: string;
  metadata: Record<string, unknown>;
}

interface TaskEvent {
  status: string;
  previous_status: string | null;
  data: { task: Record<string, unknown>; log: AuditLine & Record<string, unknown> };
}

/**
 * A plain task's submission, claim and success are recorded whole inside PostgreSQL (migration
 * 7); anything else (tasks of workflows, tasks routed by type) by Node. Readers cannot tell
 * which path wrote a record: these tests hold the two to the same words and snapshots.
 */
describe('the task fast paths', () => {
  let server: TestServer;
  let agentId: string;
  beforeAll(async () => {
    server = await startTestServer({ env: { RUN_WORKER: 'true', TASK_RETRY_BASE_MS: '50' } });
    agentId = await runningAgent(server.admin, 'fast-paths', 8);
  });
  afterAll(async () => {
    await server.close();
  });

  const auditOf = (taskId: string) => sql<AuditLine>(server.db.url, 'SELECT level, message, metadata FROM agent_logs WHERE task_id = $1 ORDER BY id', [taskId]);
  const eventsOf = (taskId: string) =>
    waitFor(async () => {
      const events = await sql<TaskEvent>(server.db.url, `SELECT status, previous_status, data FROM events WHERE kind = 'TASK_STATUS' AND task_id = $1 ORDER BY cursor`, [taskId]);
      return events.some((event) => event.status === 'SUCCEEDED') ? events : undefined;
    }, `the SUCCEEDED event of ${taskId}`);
  const rowOf = async (taskId: string) => (await sql<TaskRow>(server.db.url, `SELECT ${TASK_COLUMNS} FROM agent_tasks t WHERE t.id = $1`, [taskId]))[0]!;

  it('writes the task snapshot in PostgreSQL exactly as Node writes it, in every state a task can be in', async () => {
    const waiting = await distribute(server.admin, {
      type: 'noop',
      agentId,
      priority: 7,
      timeoutSeconds: 30,
      idempotencyKey: `fast-${Date.now()}`,
      runAt: new Date(Date.now() + 3_600_000).toISOString(),
      payload: { output: { list: [1, 'two', null], unicode: 'é\u2028' } },
    });
    const succeeded = await distribute(server.admin, { type: 'noop', agentId, payload: { sleepMs: 5, output: { answer: 42 } } });
    const failed = await distribute(server.admin, { type: 'noop', agentId, maxAttempts: 1, payload: { failTimes: 1 } });
    await taskReaches(server.admin, succeeded.id, ['SUCCEEDED']);
    await taskReaches(server.admin, failed.id, ['FAILED']);
    const rows = await sql<TaskRow & { snapshot: unknown }>(
      server.db.url,
      `SELECT velocity_task_snapshot(t) AS snapshot, ${TASK_COLUMNS} FROM agent_tasks t WHERE t.id = ANY($1::uuid[])`,
      [[waiting.id, succeeded.id, failed.id]],
    );
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.snapshot).toEqual(taskSnapshot(taskFromRow(row)));
  });

  it('records a plain task with the audit lines and events Node records for a workflow task', async () => {
    const plain = await distribute(server.admin, { type: 'noop', agentId, payload: { output: 'plain' } });
    await server.admin.data(`mutation ($definition: String!) { createWorkflow(input: { definition: $definition }) { id } }`, {
      definition: `name: fast-paths-general\nsteps:\n  - id: only\n    task: noop\n    agent: fast-paths\n    payload: { output: 'general' }\n`,
    });
    const run = await server.admin.data<{ runWorkflow: { steps: { task: { id: string } | null }[] } }>(
      `mutation { runWorkflow(input: { name: "fast-paths-general" }) { steps { task { id } } } }`,
    );
    const general = run.runWorkflow.steps[0]!.task!.id;
    const [plainEvents, generalEvents] = await Promise.all([eventsOf(plain.id), eventsOf(general)]);
    expect(plainEvents.map((event) => [event.previous_status, event.status])).toEqual([
      [null, 'QUEUED'],
      ['QUEUED', 'RUNNING'],
      ['RUNNING', 'SUCCEEDED'],
    ]);
    expect(generalEvents.map((event) => [event.previous_status, event.status])).toEqual(plainEvents.map((event) => [event.previous_status, event.status]));
    // The same words, levels and metadata, line for line.
    const [plainAudit, generalAudit] = await Promise.all([auditOf(plain.id), auditOf(general)]);
    expect(plainAudit).toEqual(generalAudit.filter((line) => line.message.startsWith('task ')));
    expect(plainAudit.map((line) => line.message)).toEqual(['task noop queued for agent "fast-paths"', 'task noop attempt 1 of 3 started', 'task noop succeeded on attempt 1']);
    // Each event carries its audit line as stored, and the task as it stood after the change.
    for (const [events, audit] of [
      [plainEvents, plainAudit],
      [generalEvents, generalAudit.filter((line) => line.message.startsWith('task '))],
    ] as const) {
      expect(events.map((event) => ({ level: event.data.log.level, message: event.data.log.message, metadata: event.data.log.metadata }))).toEqual(audit);
      expect(Object.keys(events[2]!.data.log).sort()).toEqual(['actor', 'agentId', 'correlationId', 'id', 'level', 'message', 'metadata', 'taskId', 'timestamp']);
    }
    expect(plainEvents[2]!.data.task).toEqual(taskSnapshot(taskFromRow(await rowOf(plain.id))));
    expect(generalEvents[2]!.data.task).toEqual(taskSnapshot(taskFromRow(await rowOf(general))));
  });
  it('answers each of many submissions sent at once with its own task, recorded in full, when two of them carry the same new idempotencyKey', async () => {
    const key = `fast-batch-${Date.now()}`;
    const twins = new Set([5, 12]);
    // Sent together, they share transactions (group commit). Twins in one transaction fail it
    // on the key's unique index: its statements are then committed one by one, and the twin
    // that comes second answers the first one's task.
    const inputs = Array.from({ length: 24 }, (_, index) => ({ type: 'noop', agentId, payload: { output: index }, ...(twins.has(index) ? { idempotencyKey: key } : {}) }));
    const answers = await Promise.all(inputs.map((input) => distribute(server.admin, input)));
    expect(answers[5]!.id).toBe(answers[12]!.id);
    expect(new Set(answers.map((task) => task.id)).size).toBe(23);
    for (const [index, task] of answers.entries()) {
      if (index === 12) continue;
      const events = await eventsOf(task.id);
      expect(events.map((event) => [event.previous_status, event.status])).toEqual([
        [null, 'QUEUED'],
        ['QUEUED', 'RUNNING'],
        ['RUNNING', 'SUCCEEDED'],
      ]);
      expect((await auditOf(task.id)).map((line) => line.message)).toEqual(['task noop queued for agent "fast-paths"', 'task noop attempt 1 of 3 started', 'task noop succeeded on attempt 1']);
      if (!twins.has(index)) expect((await rowOf(task.id)).result).toEqual({ output: index, attempt: 1 });
    }
  });
});
