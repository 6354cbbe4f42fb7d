import { runningAgent, taskReaches } from '../support/agents';
import { errorCode } from '../support/graphql-client';
import { sql } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { startTestServer, type TestServer } from '../support/test-server';

const DISTRIBUTE_MANY = `mutation ($inputs: [DistributeTaskInput!]!) { distributeTasks(inputs: $inputs) { id type status priority idempotencyKey } }`;

interface Queued {
  id: string;
  type: string;
  status: string;
  priority: number;
  idempotencyKey: string | null;
}

describe('distributeTasks over HTTP', () => {
  let server: TestServer;
  let agentId: string;
  beforeAll(async () => {
    server = await startTestServer({ env: { RUN_WORKER: 'true' } });
    agentId = await runningAgent(server.admin, 'bulk', 50);
  });
  afterAll(async () => {
    await server.close();
  });

  // Events recorded, numbered or not: a worker's pass may move earlier tests' events from the
  // outbox to the events table between two counts.
  async function rowCounts(): Promise<{ tasks: number; events: number; jobs: number }> {
    const rows = await sql<{ tasks: number; events: number; jobs: number }>(
      server.db.url,
      `SELECT (SELECT count(*) FROM agent_tasks)::int AS tasks, ((SELECT count(*) FROM event_outbox) + (SELECT count(*) FROM events))::int AS events,
              (SELECT count(*) FROM graphile_worker.jobs)::int AS jobs`,
    );
    return rows[0]!;
  }

  /**
   * The counts once the earlier tests' tasks are done and graphile-worker has deleted their jobs
   * (it completes a job after the task's own SUCCEEDED commits, so a job can still go meanwhile).
   */
  async function settledRowCounts(): Promise<{ tasks: number; events: number; jobs: number }> {
    await waitFor(async () => {
      const [{ busy }] = await sql<{ busy: number }>(
        server.db.url,
        `SELECT ((SELECT count(*) FROM agent_tasks WHERE status IN ('QUEUED', 'RUNNING')) + (SELECT count(*) FROM graphile_worker.jobs))::int AS busy`,
      );
      return busy === 0 ? true : undefined;
    }, 'the earlier tasks and their jobs to be done');
    return rowCounts();
  }

  it('queues every task of one call, answers them in input order, and runs them all', async () => {
    const inputs = Array.from({ length: 120 }, (_, index) => ({ type: 'noop', agentId, priority: index % 3 }));
    const { distributeTasks } = await server.admin.data<{ distributeTasks: Queued[] }>(DISTRIBUTE_MANY, { inputs });
    expect(distributeTasks).toHaveLength(120);
    expect(distributeTasks.map((task) => task.priority)).toEqual(inputs.map((input) => input.priority));
    expect(new Set(distributeTasks.map((task) => task.id)).size).toBe(120);
    for (const task of distributeTasks) await taskReaches(server.admin, task.id, ['SUCCEEDED']);
  });

  it('queues none of the tasks when one input is refused, and names that input', async () => {
    const before = await settledRowCounts();
    const response = await server.admin.request(DISTRIBUTE_MANY, {
      inputs: [
        { type: 'noop', agentId },
        { type: 'noop', agentId, maxAttempts: 0 },
        { type: 'noop', agentId },
      ],
    });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.extensions!['path']).toBe('inputs.1.maxAttempts');
    const routed = await server.admin.request(DISTRIBUTE_MANY, { inputs: [{ type: 'noop', agentId }, { type: 'noop', agentId: '00000000-0000-4000-8000-000000000000' }] });
    expect(errorCode(routed)).toBe('NOT_FOUND');
    expect(await rowCounts()).toEqual(before);
  });

  it('answers an idempotencyKey seen before with the existing task instead of a new one', async () => {
    const first = await server.admin.data<{ distributeTasks: Queued[] }>(DISTRIBUTE_MANY, { inputs: [{ type: 'noop', agentId, idempotencyKey: 'bulk-once' }] });
    const again = await server.admin.data<{ distributeTasks: Queued[] }>(DISTRIBUTE_MANY, {
      inputs: [{ type: 'noop', agentId }, { type: 'noop', agentId, idempotencyKey: 'bulk-once' }],
    });
    expect(again.distributeTasks[1]!.id).toBe(first.distributeTasks[0]!.id);
    expect(await sql(server.db.url, `SELECT id FROM agent_tasks WHERE idempotency_key = 'bulk-once'`)).toHaveLength(1);
  });

  it('refuses an empty call, more than 1,000 tasks, and one key twice, with BAD_USER_INPUT', async () => {
    const before = await settledRowCounts();
    expect(errorCode(await server.admin.request(DISTRIBUTE_MANY, { inputs: [] }))).toBe('BAD_USER_INPUT');
    const tooMany = Array.from({ length: 1_001 }, () => ({ type: 'noop', agentId }));
    expect(errorCode(await server.admin.request(DISTRIBUTE_MANY, { inputs: tooMany }))).toBe('BAD_USER_INPUT');
    const twice = [{ type: 'noop', agentId, idempotencyKey: 'same' }, { type: 'noop', agentId, idempotencyKey: 'same' }];
    expect(errorCode(await server.admin.request(DISTRIBUTE_MANY, { inputs: twice }))).toBe('BAD_USER_INPUT');
    expect(await rowCounts()).toEqual(before);
  });
});
