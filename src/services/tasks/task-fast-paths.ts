import { sqlJsonLiteral, sqlLiteral } from '../../db/sql-literal';
import type { Actor } from '../common/actor';
import { METRIC } from '../metrics/metric-names';
import type { ClaimedAgentColumns } from './task-claim';
import { TASK_MESSAGE } from './task-events';
import { TASK_JOB_TEXTS } from './task-jobs';
import type { EnqueueSpec } from './task.service';
import { TASK_COLUMNS, type TaskRow } from './task-row';

/**
 * The claim and the success of a task as whole transactions inside PostgreSQL, one round trip
 * each (migration 7's functions). They cover the common case only, and change nothing
 * otherwise: no row back means "take the general path". The texts the records carry are
 * Node's, passed in, so both paths write the same words.
 */
const TEXTS = sqlJsonLiteral({
  ...TASK_JOB_TEXTS,
  queuedMessage: TASK_MESSAGE.queued,
  startedMessage: TASK_MESSAGE.started,
  succeededMessage: TASK_MESSAGE.succeeded,
  queueWaitMetric: METRIC.taskQueueWaitMs,
  succeededMetric: METRIC.taskSucceeded,
  durationMetric: METRIC.taskDurationMs,
});

/**
 * Queues a task for a RUNNING agent of one of `types`, with its event, audit line and job. The
 * caller checked the payload against each of those types.
 */
export function fastEnqueueSql(agentId: string, types: readonly string[], spec: EnqueueSpec, actor: Actor): string {
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
  return `SELECT ${TASK_COLUMNS} FROM velocity_enqueue_task(${sqlLiteral(agentId)}::uuid, ARRAY[${types.map(sqlLiteral).join(', ')}]::text[], ${sqlJsonLiteral(task)}, ${actorArguments(actor)}, ${TEXTS}) t`;
}

/** A row of `fastClaimSql`: the claimed task and its agent. */
export type FastClaimRow = TaskRow & ClaimedAgentColumns;

const CLAIMED_TASK_COLUMNS = TASK_COLUMNS.replace(/\bt\./g, '(c.task).');

/**
 * Claims a QUEUED task outside any workflow, of a RUNNING agent, for `workerId`, with its
 * event, audit line and queue-wait sample; raises velocity_claim_guard's refusals (the caller
 * redoes the claim under the agent lock).
 */
export function fastClaimSql(taskId: string, workerId: string, actor: Actor): string {
  return `SELECT ${CLAIMED_TASK_COLUMNS}, (c.agent).name AS a_name, (c.agent).type AS a_type, (c.agent).status AS a_status,
      (c.agent).max_concurrency AS a_max_concurrency, (c.agent).config AS a_config, (c.agent).deleted_at AS a_deleted_at
    FROM velocity_claim_task(${sqlLiteral(taskId)}::uuid, ${sqlLiteral(workerId)}, ${actorArguments(actor)}, ${TEXTS}) c`;
}

/**
 * Records the success of an attempt still RUNNING under `workerId`, outside any workflow, of an
 * agent that is not STOPPING, with its event, audit line and samples, and wakes the agent's
 * blocked tasks.
 */
export function fastSucceededSql(taskId: string, workerId: string, result: unknown, actor: Actor): string {
  // A result of JSON null is stored as SQL NULL, as the general path stores it.
  const resultSql = result === null || result === undefined ? 'NULL::jsonb' : sqlJsonLiteral(result);
  return `SELECT t.id, t.agent_id FROM velocity_finish_task_succeeded(${sqlLiteral(taskId)}::uuid, ${sqlLiteral(workerId)}, ${resultSql}, ${actorArguments(actor)}, ${TEXTS}) t`;
}

function actorArguments(actor: Actor): string {
  return `${sqlLiteral(actor.name)}, ${sqlLiteral(actor.correlationId)}`;
}
