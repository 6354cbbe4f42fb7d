import type { EntityManager } from 'typeorm';

/** graphile-worker task identifiers of our jobs. */
export const JOB_RUN_TASK = 'task.run';
export const JOB_START_AGENT = 'agent.start';

/**
 * graphile-worker retries only jobs whose worker died (our handlers never throw): a job
 * unlocked by forceUnlockWorkers must still have attempts left to be picked up again.
 */
const JOB_MAX_ATTEMPTS = 25;

/**
 * Adds the job that runs a task, in the caller's transaction (so it exists exactly when
 * the task row does). The task id is the job key: re-adding replaces a waiting job.
 */
export async function addTaskJob(manager: EntityManager, taskId: string, runAt: Date | null, priority: number): Promise<void> {
  await manager.query(
    `SELECT graphile_worker.add_job($1, json_build_object('taskId', $2::text), run_at := $3, max_attempts := $4, job_key := $2::text, priority := $5)`,
    // graphile-worker runs lower numbers first; our priority runs higher numbers first.
    [JOB_RUN_TASK, taskId, runAt, JOB_MAX_ATTEMPTS, -priority],
  );
}

export async function removeTaskJob(manager: EntityManager, taskId: string): Promise<void> {
  await manager.query('SELECT graphile_worker.remove_job($1)', [taskId]);
}

export async function addStartAgentJob(manager: EntityManager, agentId: string): Promise<void> {
  await manager.query(
    `SELECT graphile_worker.add_job($1, json_build_object('agentId', $2::text), max_attempts := $3, job_key := $4)`,
    [JOB_START_AGENT, agentId, JOB_MAX_ATTEMPTS, `agent.start:${agentId}`],
  );
}
