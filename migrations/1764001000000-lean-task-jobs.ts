import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ADD_TASK_JOB_FIRST_VERSION } from './1764000600000-task-fast-paths';

/**
 * `velocity_add_task_job` writes the task's graphile-worker job itself: the statements of
 * graphile-worker 0.17's `add_jobs` for one job, keyed by the task's id, without its arrays.
 *
 * Why: `add_job` wraps its one job in an array for `add_jobs`, whose statements read the array
 * with `unnest`. A plan cannot know such an array's length, so PostgreSQL planned its insert
 * afresh on every call (3,008 plans in 3,001 calls, measured with pg_stat_statements), and its
 * clearing of a started job's key read the jobs table: a task's job cost 0.75 ms of PostgreSQL
 * time, against 0.09 ms for these statements (pgbench, one client), which keep their plans.
 *
 * What `add_jobs` does for one job, in its order, is kept: the task identifier exists; a job of
 * the same key that is locked (running) or out of attempts gives up its key and its retries (the
 * new job supersedes it); the job is inserted, or replaces the waiting job of its key (payload,
 * run_at, priority, attempts reset, revision bumped) unless that one got locked meanwhile; the
 * `jobs:insert` notification wakes idle workers. `test/migrations/lean-task-jobs.test.ts` holds
 * it to `add_job`'s results. graphile-worker is pinned to 0.17.x (package.json): a release that
 * changes its tables is a change this function must follow, which that test would show.
 */
export class LeanTaskJobs1764001000000 implements MigrationInterface {
  name = 'LeanTaskJobs1764001000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION velocity_add_task_job(p_task uuid, p_run_at timestamptz, p_priority integer, p_job_task text, p_job_max_attempts integer)
      RETURNS void LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        job_key text := p_task::text;
        job_task_id integer;
      BEGIN
        SELECT id INTO job_task_id FROM graphile_worker._private_tasks WHERE identifier = p_job_task;
        IF NOT FOUND THEN
          INSERT INTO graphile_worker._private_tasks (identifier) VALUES (p_job_task) ON CONFLICT DO NOTHING;
          SELECT id INTO job_task_id FROM graphile_worker._private_tasks WHERE identifier = p_job_task;
        END IF;
        -- A job of this task that started (or used up its attempts) is superseded by the new one.
        UPDATE graphile_worker._private_jobs SET key = NULL, attempts = max_attempts, updated_at = now()
          WHERE key = job_key AND is_available IS NOT TRUE;
        -- graphile-worker runs lower numbers first, our priority runs higher numbers first.
        INSERT INTO graphile_worker._private_jobs AS jobs (task_id, payload, run_at, max_attempts, key, priority)
          VALUES (job_task_id, json_build_object('taskId', job_key), coalesce(p_run_at, now()), p_job_max_attempts::smallint, job_key, (-p_priority)::smallint)
          ON CONFLICT (key) DO UPDATE SET job_queue_id = NULL, task_id = excluded.task_id, payload = excluded.payload,
            max_attempts = excluded.max_attempts, run_at = excluded.run_at, priority = excluded.priority, revision = jobs.revision + 1,
            flags = NULL, attempts = 0, last_error = NULL, updated_at = now()
          WHERE jobs.locked_at IS NULL;
        PERFORM pg_notify('jobs:insert', '{"r":' || random()::text || ',"count":1}');
      END
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(ADD_TASK_JOB_FIRST_VERSION.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION'));
  }
}
