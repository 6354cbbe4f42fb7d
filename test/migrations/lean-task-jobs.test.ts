import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, sql, type TestDatabase } from '../support/test-database';

/**
 * Migration 11 writes a task's graphile-worker job with graphile-worker's own statements for
 * one job instead of calling `add_job`. Each case runs the same steps through both, on two
 * tasks, and expects the same jobs: what graphile-worker's workers will see must not differ.
 */
describe('velocity_add_task_job (migration 11)', () => {
  let db: TestDatabase;
  let client: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    expect(await db.connectionsLeft()).toBe(0);
    await db.drop();
  });

  type AddJob = (taskId: string, runAt: string | null, priority: number) => Promise<void>;
  const viaGraphileWorker: AddJob = async (taskId, runAt, priority) => {
    await client.query(`SELECT graphile_worker.add_job('task.run', json_build_object('taskId', $1::text), run_at := $2::timestamptz, max_attempts := 25, job_key := $1::text, priority := -$3::int)`, [taskId, runAt, priority]);
  };
  const viaVelocity: AddJob = async (taskId, runAt, priority) => {
    await client.query(`SELECT velocity_add_task_job($1::uuid, $2::timestamptz, $3::int, 'task.run', 25)`, [taskId, runAt, priority]);
  };

  /** The jobs that carry `taskId` in their payload, as a worker would see them (the task's own id left out), in the order they were added. */
  const jobsOf = async (taskId: string): Promise<Record<string, unknown>[]> => {
    const rows = await sql<Record<string, unknown>>(
      db.url,
      `SELECT j.key = $1 AS keyed, j.key IS NULL AS unkeyed, t.identifier, j.payload::jsonb = jsonb_build_object('taskId', $1) AS carries_task, j.priority, j.run_at, j.attempts, j.max_attempts,
              j.revision, j.flags, j.job_queue_id, j.last_error, j.locked_by, j.is_available
         FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
        WHERE j.payload->>'taskId' = $1 ORDER BY j.id`,
      [taskId],
    );
    return rows;
  };

  const lock = (taskId: string): Promise<unknown> =>
    client.query(`UPDATE graphile_worker._private_jobs SET locked_at = now(), locked_by = 'test-worker', attempts = attempts + 1 WHERE key = $1`, [taskId]);

  /** Runs `steps` once through add_job and once through velocity_add_task_job; both tasks' jobs. */
  const bothWays = async (steps: (add: AddJob, taskId: string) => Promise<void>) => {
    const theirs = randomUUID();
    const ours = randomUUID();
    await steps(viaGraphileWorker, theirs);
    await steps(viaVelocity, ours);
    return { theirs: await jobsOf(theirs), ours: await jobsOf(ours) };
  };

  it('adds the same waiting job as add_job does when a task is new', async () => {
    const { theirs, ours } = await bothWays((add, taskId) => add(taskId, '2030-01-01T00:00:00Z', 3));
    expect(ours).toEqual(theirs);
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatchObject({ keyed: true, carries_task: true, identifier: 'task.run', priority: -3, attempts: 0, max_attempts: 25, is_available: true });
  });

  it('replaces the waiting job of the task (its run_at and priority, one job) as add_job does when the task is queued again', async () => {
    const { theirs, ours } = await bothWays(async (add, taskId) => {
      await add(taskId, '2030-01-01T00:00:00Z', 1);
      await add(taskId, '2031-06-01T00:00:00Z', 7);
    });
    expect(ours).toEqual(theirs);
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatchObject({ keyed: true, priority: -7, revision: 1, run_at: new Date('2031-06-01T00:00:00Z') });
  });

  it('adds a new job and takes the key and retries from the running one as add_job does when the task is queued while its job runs', async () => {
    const { theirs, ours } = await bothWays(async (add, taskId) => {
      await add(taskId, null, 0);
      await lock(taskId);
      await add(taskId, '2030-01-01T00:00:00Z', 0);
    });
    // run_at of the first job is now() at its insert: equal only in shape.
    const shape = (jobs: Record<string, unknown>[]) => jobs.map(({ run_at: _runAt, ...rest }) => rest);
    expect(shape(ours)).toEqual(shape(theirs));
    expect(ours).toEqual([
      expect.objectContaining({ unkeyed: true, locked_by: 'test-worker', attempts: 25, is_available: false }),
      expect.objectContaining({ keyed: true, attempts: 0, is_available: true }),
    ]);
  });

  it('creates the task identifier when graphile-worker has not seen it yet', async () => {
    const taskId = randomUUID();
    await client.query(`SELECT velocity_add_task_job($1::uuid, NULL, 0, 'task.run.unseen', 25)`, [taskId]);
    const [job] = await jobsOf(taskId);
    expect(job).toMatchObject({ identifier: 'task.run.unseen', keyed: true });
  });

  it('wakes idle workers (jobs:insert) when it adds a job', async () => {
    const listener = new Client({ connectionString: db.url });
    await listener.connect();
    try {
      await listener.query('LISTEN "jobs:insert"');
      const heard = new Promise<{ count: number }>((resolve) => listener.on('notification', (message) => resolve(JSON.parse(message.payload ?? '{}'))));
      await viaVelocity(randomUUID(), null, 0);
      expect(await heard).toMatchObject({ count: 1 });
    } finally {
      await listener.end();
    }
  });
});
