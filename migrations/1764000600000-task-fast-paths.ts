import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The first `velocity_add_task_job`, kept apart so the migration that replaced it can restore it on the way down. */
export const ADD_TASK_JOB_FIRST_VERSION = `
      CREATE FUNCTION velocity_add_task_job(p_task uuid, p_run_at timestamptz, p_priority integer, p_job_task text, p_job_max_attempts integer)
      RETURNS void LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        -- The task id is the job key (re-adding replaces a waiting job); graphile-worker runs lower
        -- numbers first, our priority runs higher numbers first. PL/pgSQL: its body is checked
        -- when it runs, not here, before graphile-worker's schema may exist.
        PERFORM graphile_worker.add_job(p_job_task, json_build_object('taskId', p_task::text), run_at := p_run_at,
          max_attempts := p_job_max_attempts, job_key := p_task::text, priority := -p_priority);
      END
      $$`;

/** The first `velocity_claim_task`, kept apart so the migration that replaced it can restore it on the way down. */
export const CLAIM_TASK_FIRST_VERSION = `
      CREATE FUNCTION velocity_claim_task(p_task uuid, p_worker text, p_actor text, p_correlation_id text, p_texts jsonb)
      RETURNS TABLE (task agent_tasks, agent agent_instances) LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        claimed agent_tasks;
        metrics jsonb := NULL;
      BEGIN
        UPDATE agent_tasks t SET status = 'RUNNING', attempts = t.attempts + 1, started_at = now(), completed_at = NULL, blocked_at = NULL,
            worker_id = p_worker, updated_at = now()
          FROM agent_instances a
          WHERE t.id = p_task AND t.status = 'QUEUED' AND t.workflow_run_id IS NULL AND a.id = t.agent_id AND a.status = 'RUNNING' AND a.deleted_at IS NULL
          RETURNING t.* INTO claimed;
        IF NOT FOUND THEN
          RETURN;
        END IF;
        IF claimed.attempts = 1 THEN
          metrics := jsonb_build_array(jsonb_build_object('agentId', claimed.agent_id, 'taskId', claimed.id, 'name', p_texts->>'queueWaitMetric',
            'value', greatest(0, extract(epoch FROM (claimed.started_at - claimed.queued_at)) * 1000)));
        END IF;
        -- The check before the records: the claim's event must be numbered after the changes the
        -- check saw (the sequencer orders a pass by outbox id), so it is written under the agent
        -- row lock. The COMMIT does not wait for its WAL flush, which kept every other claim of
        -- the agent waiting (claims of one agent serialise on its row). Safe to lose in a crash: anything durable that depends on
        -- the claim (the task's success, its evidence, the sequencer's numbering of its event)
        -- commits later, synchronously, and a synchronous commit flushes all WAL before it. A
        -- claim lost with nothing after it only means its job runs the task again.
        PERFORM set_config('synchronous_commit', 'off', true);
        PERFORM set_config('lock_timeout', '50ms', true);
        PERFORM velocity_claim_guard(claimed.agent_id);
        PERFORM velocity_write_changes(
          jsonb_build_array(velocity_task_change(claimed, 'QUEUED', 'INFO', format(p_texts->>'startedMessage', claimed.type, claimed.attempts, claimed.max_attempts), NULL)),
          metrics, p_actor, p_correlation_id);
        RETURN QUERY SELECT claimed, a FROM agent_instances a WHERE a.id = claimed.agent_id;
      END
      $$`;

/**
 * A task's submission, claim and success, each a whole transaction in one round trip.
 *
 * Before, each took two: the first statement went with the BEGIN, Node rendered the event and
 * audit line from the row it returned, and the commit message wrote them. On a 2-core machine
 * a round trip costs both processes a socket write and a wake-up (in the worker's CPU profile
 * the socket writes were 45% of its samples), and every statement was parsed and planned
 * anew. These functions do the common case whole inside PostgreSQL, where PL/pgSQL plans
 * once per connection; the task service keeps the general path for everything else (tasks
 * of workflows, agents not running, retries), and a test holds both to the same records.
 *
 * - `velocity_task_snapshot(task)`: the task as events carry it; the same JSON as
 *   `taskSnapshot` in src/services/tasks/task-snapshot.ts (times as JavaScript prints them).
 * - `velocity_add_task_job(task, run_at, priority, job_task, job_max_attempts)`: adds the
 *   graphile-worker job that runs a task; every path that adds one calls it.
 * - `velocity_wake_blocked(agent, max_concurrency, job_task, job_max_attempts)`: gives the
 *   longest-waiting blocked tasks of an agent their jobs back, as many as it has free slots.
 *   Answers how many it woke.
 * - `velocity_enqueue_task(agent, types, task, actor, correlation_id, texts)`: queues a task
 *   for a RUNNING agent of one of `types`, with its QUEUED event, audit line and job. The
 *   caller checked the payload against every one of those types first. No row: nothing changed.
 * - `velocity_claim_task(task, worker, actor, correlation_id, texts)`: claims a QUEUED task
 *   outside any workflow of a RUNNING agent for `worker`, runs velocity_claim_guard (waiting
 *   50 ms at most for the agent row), then writes its RUNNING event, audit line and queue-wait
 *   sample, and commits without waiting for the WAL flush (see inside). No row: not the common
 *   case, nothing changed.
 * - `velocity_finish_task_succeeded(task, worker, result, actor, correlation_id, texts)`:
 *   records the success of an attempt still RUNNING under `worker`, outside any workflow, of
 *   an agent that is not STOPPING, with its event, audit line and samples, and wakes blocked
 *   tasks. No row: nothing changed.
 *
 * `texts` carries what Node owns: audit message formats (format() with the task's type and
 * attempt numbers), metric names, and the job's task identifier and attempts.
 */
export class TaskFastPaths1764000600000 implements MigrationInterface {
  name = 'TaskFastPaths1764000600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION velocity_js_time(p_time timestamptz) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT to_char(p_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION velocity_task_snapshot(t agent_tasks) RETURNS jsonb LANGUAGE sql STABLE AS $$
        SELECT jsonb_build_object(
          'id', t.id, 'agentId', t.agent_id, 'type', t.type, 'status', t.status, 'payload', t.payload, 'result', t.result,
          'error', t.error, 'attempts', t.attempts, 'maxAttempts', t.max_attempts, 'priority', t.priority,
          'runAt', velocity_js_time(t.run_at), 'timeoutSeconds', t.timeout_seconds, 'idempotencyKey', t.idempotency_key,
          'workflowRunId', t.workflow_run_id, 'stepId', t.step_id, 'createdAt', velocity_js_time(t.created_at),
          'startedAt', velocity_js_time(t.started_at), 'completedAt', velocity_js_time(t.completed_at), 'durationMs', t.duration_ms)
      $$`);
    await queryRunner.query(ADD_TASK_JOB_FIRST_VERSION);
    await queryRunner.query(`
      CREATE FUNCTION velocity_wake_blocked(p_agent uuid, p_max_concurrency integer, p_job_task text, p_job_max_attempts integer)
      RETURNS integer LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        woken integer := 0;
        next_task record;
      BEGIN
        FOR next_task IN
          WITH free AS (
            SELECT greatest(p_max_concurrency - count(*), 0) AS slots FROM agent_tasks WHERE agent_id = p_agent AND status = 'RUNNING'
          ), next AS (
            SELECT id FROM agent_tasks WHERE agent_id = p_agent AND status = 'QUEUED' AND blocked_at IS NOT NULL
            ORDER BY priority DESC, created_at ASC LIMIT (SELECT slots FROM free) FOR UPDATE SKIP LOCKED
          )
          UPDATE agent_tasks t SET blocked_at = NULL, updated_at = now() FROM next WHERE t.id = next.id RETURNING t.id, t.priority
        LOOP
          PERFORM velocity_add_task_job(next_task.id, NULL, next_task.priority, p_job_task, p_job_max_attempts);
          woken := woken + 1;
        END LOOP;
        RETURN woken;
      END
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION velocity_task_change(t agent_tasks, p_previous_status text, p_level text, p_message text, p_metadata jsonb)
      RETURNS jsonb LANGUAGE sql STABLE AS $$
        SELECT jsonb_build_object(
          'kind', 'TASK_STATUS', 'agentId', t.agent_id, 'taskId', t.id, 'workflowRunId', t.workflow_run_id, 'status', t.status,
          'previousStatus', p_previous_status, 'data', jsonb_build_object('task', velocity_task_snapshot(t)),
          'log', jsonb_build_object('agentId', t.agent_id, 'taskId', t.id, 'level', p_level, 'message', p_message,
            'metadata', jsonb_build_object('type', t.type, 'attempts', t.attempts) || coalesce(p_metadata, '{}'::jsonb)))
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION velocity_enqueue_task(p_agent uuid, p_types text[], p_task jsonb, p_actor text, p_correlation_id text, p_texts jsonb)
      RETURNS SETOF agent_tasks LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        agent_name text;
        queued agent_tasks;
      BEGIN
        -- Key-share-locked, as routing does: the agent cannot be deleted under the new task.
        SELECT a.name INTO agent_name FROM agent_instances a
          WHERE a.id = p_agent AND a.status = 'RUNNING' AND a.deleted_at IS NULL AND a.type = ANY(p_types) FOR KEY SHARE;
        IF NOT FOUND THEN
          RETURN;
        END IF;
        INSERT INTO agent_tasks (agent_id, type, status, payload, max_attempts, priority, run_at, timeout_seconds, idempotency_key, created_by)
          VALUES (p_agent, p_task->>'type', 'QUEUED', p_task->'payload', (p_task->>'maxAttempts')::integer, (p_task->>'priority')::integer,
                  (p_task->>'runAt')::timestamptz, (p_task->>'timeoutSeconds')::integer, p_task->>'idempotencyKey', p_task->>'createdBy')
          RETURNING * INTO queued;
        PERFORM velocity_write_changes(
          jsonb_build_array(velocity_task_change(queued, NULL, 'INFO', format(p_texts->>'queuedMessage', queued.type, agent_name),
            jsonb_build_object('priority', queued.priority)
              || CASE WHEN queued.run_at IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('runAt', velocity_js_time(queued.run_at)) END)),
          NULL, p_actor, p_correlation_id);
        PERFORM velocity_add_task_job(queued.id, queued.run_at, queued.priority, p_texts->>'jobTask', (p_texts->>'jobMaxAttempts')::integer);
        RETURN NEXT queued;
      END
      $$`);
    await queryRunner.query(CLAIM_TASK_FIRST_VERSION);
    await queryRunner.query(`
      CREATE FUNCTION velocity_finish_task_succeeded(p_task uuid, p_worker text, p_result jsonb, p_actor text, p_correlation_id text, p_texts jsonb)
      RETURNS SETOF agent_tasks LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        finished agent_tasks;
        agent_max_concurrency integer;
        metrics jsonb;
      BEGIN
        UPDATE agent_tasks t SET status = 'SUCCEEDED', result = p_result, error = NULL, completed_at = now(),
            duration_ms = (extract(epoch FROM (now() - t.started_at)) * 1000)::int, updated_at = now()
          FROM agent_instances a
          WHERE t.id = p_task AND t.status = 'RUNNING' AND t.worker_id = p_worker AND t.workflow_run_id IS NULL AND a.id = t.agent_id AND a.status <> 'STOPPING'
          RETURNING t.* INTO finished;
        IF NOT FOUND THEN
          RETURN;
        END IF;
        SELECT a.max_concurrency INTO agent_max_concurrency FROM agent_instances a WHERE a.id = finished.agent_id;
        metrics := jsonb_build_array(jsonb_build_object('agentId', finished.agent_id, 'taskId', finished.id, 'name', p_texts->>'succeededMetric', 'value', 1));
        IF finished.duration_ms IS NOT NULL THEN
          metrics := metrics || jsonb_build_object('agentId', finished.agent_id, 'taskId', finished.id, 'name', p_texts->>'durationMetric', 'value', finished.duration_ms);
        END IF;
        PERFORM velocity_write_changes(
          jsonb_build_array(velocity_task_change(finished, 'RUNNING', 'INFO', format(p_texts->>'succeededMessage', finished.type, finished.attempts), NULL)),
          metrics, p_actor, p_correlation_id);
        PERFORM velocity_wake_blocked(finished.agent_id, agent_max_concurrency, p_texts->>'jobTask', (p_texts->>'jobMaxAttempts')::integer);
        RETURN NEXT finished;
      END
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION velocity_finish_task_succeeded(uuid, text, jsonb, text, text, jsonb)');
    await queryRunner.query('DROP FUNCTION velocity_claim_task(uuid, text, text, text, jsonb)');
    await queryRunner.query('DROP FUNCTION velocity_enqueue_task(uuid, text[], jsonb, text, text, jsonb)');
    await queryRunner.query('DROP FUNCTION velocity_task_change(agent_tasks, text, text, text, jsonb)');
    await queryRunner.query('DROP FUNCTION velocity_wake_blocked(uuid, integer, text, integer)');
    await queryRunner.query('DROP FUNCTION velocity_add_task_job(uuid, timestamptz, integer, text, integer)');
    await queryRunner.query('DROP FUNCTION velocity_task_snapshot(agent_tasks)');
    await queryRunner.query('DROP FUNCTION velocity_js_time(timestamptz)');
  }
}
