"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.fastEnqueueSql = fastEnqueueSql;
exports.fastClaimSql = fastClaimSql;
exports.fastSucceededSql = fastSucceededSql;
const sql_literal_1 = require("../../db/sql-literal");
const metric_names_1 = require("../metrics/metric-names");
const task_events_1 = require("./task-events");
const task_jobs_1 = require("./task-jobs");
const task_row_1 = require("./task-row");
/**
 * The claim and the success of a task as whole transactions inside PostgreSQL, one round trip
 * each (migration 7's functions). They cover the common case only, and change nothing
 * otherwise: no row back means "take the general path". The texts the records carry are
 * Node's, passed in, so both paths write the same words.
 */
const TEXTS = (0, sql_literal_1.sqlJsonLiteral)({
    ...task_jobs_1.TASK_JOB_TEXTS,
    queuedMessage: task_events_1.TASK_MESSAGE.queued,
    startedMessage: task_events_1.TASK_MESSAGE.started,
    succeededMessage: task_events_1.TASK_MESSAGE.succeeded,
    queueWaitMetric: metric_names_1.METRIC.taskQueueWaitMs,
    succeededMetric: metric_names_1.METRIC.taskSucceeded,
    durationMetric: metric_names_1.METRIC.taskDurationMs,
});
/**
 * Queues a task for a RUNNING agent of one of `types`, with its event, audit line and job. The
 * caller checked the payload against each of those types.
 */
function fastEnqueueSql(agentId, types, spec, actor) {
    const task = {
        type: spec.type,
        payload: spec.payload ?? {},
        maxAttempts: spec.maxAttempts,
        priority: spec.priority,
        runAt: spec.runAt ? spec.runAt.toISOString() : null,
        timeoutSeconds: spec.timeoutSeconds,
        idempotencyKey: spec.idempotencyKey ?? null,
        createdBy: actor.name,
    };
    return `SELECT ${task_row_1.TASK_COLUMNS} FROM velocity_enqueue_task(${(0, sql_literal_1.sqlLiteral)(agentId)}::uuid, ARRAY[${types.map(sql_literal_1.sqlLiteral).join(', ')}]::text[], ${(0, sql_literal_1.sqlJsonLiteral)(task)}, ${actorArguments(actor)}, ${TEXTS}) t`;
}
const CLAIMED_TASK_COLUMNS = task_row_1.TASK_COLUMNS.replace(/\bt\./g, '(c.task).');
/**
 * Claims a QUEUED task outside any workflow, of a RUNNING agent, for `workerId`, with its
 * event, audit line and queue-wait sample; raises velocity_claim_guard's refusals (the caller
 * redoes the claim under the agent lock).
 */
function fastClaimSql(taskId, workerId, actor) {
    return `SELECT ${CLAIMED_TASK_COLUMNS}, (c.agent).name AS a_name, (c.agent).type AS a_type, (c.agent).status AS a_status,
      (c.agent).max_concurrency AS a_max_concurrency, (c.agent).config AS a_config, (c.agent).deleted_at AS a_deleted_at
    FROM velocity_claim_task(${(0, sql_literal_1.sqlLiteral)(taskId)}::uuid, ${(0, sql_literal_1.sqlLiteral)(workerId)}, ${actorArguments(actor)}, ${TEXTS}) c`;
}
/**
 * Records the success of an attempt still RUNNING under `workerId`, outside any workflow, of an
 * agent that is not STOPPING, with its event, audit line and samples, and wakes the agent's
 * blocked tasks.
 */
function fastSucceededSql(taskId, workerId, result, actor) {
    // A result of JSON null is stored as SQL NULL, as the general path stores it.
    const resultSql = result === null || result === undefined ? 'NULL::jsonb' : (0, sql_literal_1.sqlJsonLiteral)(result);
    return `SELECT t.id, t.agent_id FROM velocity_finish_task_succeeded(${(0, sql_literal_1.sqlLiteral)(taskId)}::uuid, ${(0, sql_literal_1.sqlLiteral)(workerId)}, ${resultSql}, ${actorArguments(actor)}, ${TEXTS}) t`;
}
function actorArguments(actor) {
    return `${(0, sql_literal_1.sqlLiteral)(actor.name)}, ${(0, sql_literal_1.sqlLiteral)(actor.correlationId)}`;
}
//# sourceMappingURL=task-fast-paths.js.map