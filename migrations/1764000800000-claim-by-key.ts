import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CLAIM_TASK_FIRST_VERSION } from './1764000600000-task-fast-paths';

/**
 * `velocity_claim_task` finds the task and its agent by primary key alone, and checks their
 * states after reading them.
 *
 * Why: PL/pgSQL keeps a statement's generic plan for the life of the connection, and a fresh
 * database has no statistics. Planned while `agent_tasks` was nearly empty, the claim's
 * single `UPDATE … WHERE t.id = $1 AND t.status = 'QUEUED' …` costed the primary key and
 * `ix_agent_tasks_status` the same (one row either way) and often kept the second: every
 * claim then walked every QUEUED task (830 rows a claim on average in a 3,000-task run, all
 * of them queued for one agent), and joined the agent through the index of live agent names
 * (every live agent). A query whose only condition on a table is its key has no such choice to
 * get wrong. The states are checked on the rows read, as the old `UPDATE`'s `WHERE` checked
 * them: first without a lock, so a task the claim declines (a workflow's, one already running,
 * one whose agent stopped) is not held until the claim's transaction commits; then again on
 * the latest version once the row is locked, as the old `UPDATE` re-checked a row it had
 * waited for.
 */
export class ClaimByKey1764000800000 implements MigrationInterface {
  name = 'ClaimByKey1764000800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION velocity_claim_task(p_task uuid, p_worker text, p_actor text, p_correlation_id text, p_texts jsonb)
      RETURNS TABLE (task agent_tasks, agent agent_instances) LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        queued agent_tasks;
        owner agent_instances;
        claimed agent_tasks;
        metrics jsonb := NULL;
      BEGIN
        -- Declined without a lock, as the old UPDATE declined: a task this path leaves alone
        -- (a workflow's, one already running) stays free for whoever is changing it.
        SELECT * INTO queued FROM agent_tasks WHERE id = p_task;
        IF NOT FOUND OR queued.status <> 'QUEUED' OR queued.workflow_run_id IS NOT NULL THEN
          RETURN;
        END IF;
        SELECT * INTO owner FROM agent_instances WHERE id = queued.agent_id;
        IF NOT FOUND OR owner.status <> 'RUNNING' OR owner.deleted_at IS NOT NULL THEN
          RETURN;
        END IF;
        -- Locked, then checked again on the latest version (what the old UPDATE re-checked
        -- after waiting for a concurrent change).
        SELECT * INTO queued FROM agent_tasks WHERE id = p_task FOR NO KEY UPDATE;
        IF NOT FOUND OR queued.status <> 'QUEUED' THEN
          RETURN;
        END IF;
        UPDATE agent_tasks t SET status = 'RUNNING', attempts = t.attempts + 1, started_at = now(), completed_at = NULL, blocked_at = NULL,
            worker_id = p_worker, updated_at = now()
          WHERE t.id = p_task
          RETURNING t.* INTO claimed;
        IF claimed.attempts = 1 THEN
          metrics := jsonb_build_array(jsonb_build_object('agentId', claimed.agent_id, 'taskId', claimed.id, 'name', p_texts->>'queueWaitMetric',
            'value', greatest(0, extract(epoch FROM (claimed.started_at - claimed.queued_at)) * 1000)));
        END IF;
        -- As before (migration 7): the check before the records, under the agent row lock, and a
        -- COMMIT that does not wait for its WAL flush.
        PERFORM set_config('synchronous_commit', 'off', true);
        PERFORM set_config('lock_timeout', '50ms', true);
        PERFORM velocity_claim_guard(claimed.agent_id);
        PERFORM velocity_write_changes(
          jsonb_build_array(velocity_task_change(claimed, 'QUEUED', 'INFO', format(p_texts->>'startedMessage', claimed.type, claimed.attempts, claimed.max_attempts), NULL)),
          metrics, p_actor, p_correlation_id);
        RETURN QUERY SELECT claimed, a FROM agent_instances a WHERE a.id = claimed.agent_id;
      END
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(CLAIM_TASK_FIRST_VERSION.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION'));
  }
}
