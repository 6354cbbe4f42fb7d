"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TASK_JOB_TEXTS = exports.JOB_START_AGENT = exports.JOB_RUN_TASK = void 0;
exports.addTaskJob = addTaskJob;
exports.wakeBlockedStatement = wakeBlockedStatement;
exports.addTaskJobAtCommit = addTaskJobAtCommit;
exports.removeTaskJob = removeTaskJob;
exports.addStartAgentJob = addStartAgentJob;
const sql_literal_1 = require("../../db/sql-literal");
/** graphile-worker task identifiers of our jobs. */
exports.JOB_RUN_TASK = 'task.run';
exports.JOB_START_AGENT = 'agent.start';
/**
 * graphile-worker retries only jobs whose worker died (our handlers never throw): a job
 * unlocked by forceUnlockWorkers must still have attempts left to be picked up again.
 */
const JOB_MAX_ATTEMPTS = 25;
/**
 * Adds the job that runs a task, in the caller's transaction (so it exists exactly when
 * the task row does). The task id is the job key: re-adding replaces a waiting job.
 */
async function addTaskJob(manager, taskId, runAt, priority) {
    await manager.query(addTaskJobStatement(taskId, runAt, priority));
}
/**
 * The statement that gives the longest-waiting blocked tasks of an agent their jobs back, as
 * many as it has free slots; one row, `woken`. Literal values: it also runs in commit messages.
 */
function wakeBlockedStatement(agentId, maxConcurrency) {
    return `SELECT velocity_wake_blocked(${(0, sql_literal_1.sqlLiteral)(agentId)}::uuid, ${(0, sql_literal_1.sqlLiteral)(maxConcurrency)}::int, ${(0, sql_literal_1.sqlLiteral)(exports.JOB_RUN_TASK)}, ${JOB_MAX_ATTEMPTS}) AS woken`;
}
/** What the task fast paths (migration 7) need of the job's settings. */
exports.TASK_JOB_TEXTS = Object.freeze({ jobTask: exports.JOB_RUN_TASK, jobMaxAttempts: JOB_MAX_ATTEMPTS });
/**
 * `addTaskJob` in the commit message of `tx` (no round trip of its own). A job left behind
 * for a task that the same transaction cancelled is harmless: its claim finds the task not
 * QUEUED and leaves it.
 */
function addTaskJobAtCommit(tx, taskId, runAt, priority) {
    tx.atCommit(addTaskJobStatement(taskId, runAt, priority));
}
/** The add of a task's job (velocity_add_task_job, migration 7), with literal values: it also runs in commit messages. */
function addTaskJobStatement(taskId, runAt, priority) {
    const runAtSql = runAt === null ? 'NULL' : (0, sql_literal_1.sqlLiteral)(runAt.toISOString());
    return `SELECT velocity_add_task_job(${(0, sql_literal_1.sqlLiteral)(taskId)}::uuid, ${runAtSql}::timestamptz, ${(0, sql_literal_1.sqlLiteral)(priority)}::int, ${(0, sql_literal_1.sqlLiteral)(exports.JOB_RUN_TASK)}, ${JOB_MAX_ATTEMPTS})`;
}
async function removeTaskJob(manager, taskId) {
    await manager.query('SELECT graphile_worker.remove_job($1)', [taskId]);
}
async function addStartAgentJob(manager, agentId) {
    await manager.query(`SELECT graphile_worker.add_job($1, json_build_object('agentId', $2::text), max_attempts := $3, job_key := $4)`, [exports.JOB_START_AGENT, agentId, JOB_MAX_ATTEMPTS, `agent.start:${agentId}`]);
}
//# sourceMappingURL=task-jobs.js.map