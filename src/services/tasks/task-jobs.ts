import type { EntityManager } from 'typeorm';
import type { ChangeTransaction } from '../events/change-transaction';
import { sqlLiteral } from '../../db/sql-literal';

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
  await manager.query(addTaskJobStatement(taskId, runAt, priority));
}

/**
 * The statement that gives the longest-waiting blocked tasks of an agent their jobs back, as
 * many as it has free slots; one row, `woken`. Literal values: it also runs in commit messages.
 */
export function wakeBlockedStatement(agentId: string, maxConcurrency: number): string {
  return `SELECT velocity_wake_blocked(${sqlLiteral(agentId)}::uuid, ${sqlLiteral(maxConcurrency)}::int, ${sqlLiteral(JOB_RUN_TASK)}, ${JOB_MAX_ATTEMPTS}) AS woken`;
}

/** What the task fast paths (migration 7) need of the job's settings. */
export const TASK_JOB_TEXTS = Object.freeze({ jobTask: JOB_RUN_TASK, jobMaxAttempts: JOB_MAX_ATTEMPTS });

/**
 * `addTaskJob` in the commit message of `tx` (no round trip of its own). A job left behind
 * for a task that the same transaction cancelled is harmless: its claim finds the task not
 * QUEUED and leaves it.
 */
export function addTaskJobAtCommit(tx: ChangeTransaction, taskId: string, runAt: Date | null, priority: number): void {
  tx.atCommit(addTaskJobStatement(taskId, runAt, priority));
}

/** The add of a task's job (velocity_add_task_job, migration 7), with literal values: it also runs in commit messages. */
function addTaskJobStatement(taskId: string, runAt: Date | null, priority: number): string {
  const runAtSql = runAt === null ? 'NULL' : sqlLiteral(runAt.toISOString());
  return `SELECT velocity_add_task_job(${sqlLiteral(taskId)}::uuid, ${runAtSql}::timestamptz, ${sqlLiteral(priority)}::int, ${sqlLiteral(JOB_RUN_TASK)}, ${JOB_MAX_ATTEMPTS})`;
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
