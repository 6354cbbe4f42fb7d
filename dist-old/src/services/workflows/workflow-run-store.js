"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.lockRun = lockRun;
exports.changeRun = changeRun;
exports.changeStep = changeStep;
exports.insertRun = insertRun;
exports.lockTasksNow = lockTasksNow;
exports.findAgentId = findAgentId;
const returning_rows_1 = require("../../db/returning-rows");
const workflow_rows_1 = require("./workflow-rows");
/** Locks the run's row (SELECT ... FOR UPDATE) until the transaction ends, then reads it and its steps. */
async function lockRun(tx, runId) {
    const rows = await tx.manager.query(`SELECT ${workflow_rows_1.RUN_COLUMNS} FROM workflow_runs r WHERE r.id = $1 FOR UPDATE`, [runId]);
    if (rows.length === 0)
        return null;
    const run = (0, workflow_rows_1.runFromRow)(rows[0]);
    const workflows = await tx.manager.query('SELECT definition, name, version FROM agent_workflows WHERE id = $1', [run.workflowId]);
    const stepRows = await tx.manager.query(`SELECT ${workflow_rows_1.STEP_COLUMNS} FROM workflow_step_runs s WHERE s.run_id = $1 ORDER BY s.position`, [runId]);
    const workflow = workflows[0];
    return {
        run,
        definition: workflow['definition'],
        workflowName: workflow['name'],
        workflowVersion: workflow['version'],
        steps: stepRows.map(workflow_rows_1.stepFromRow),
    };
}
/** Writes a run's new status, its WORKFLOW_RUN_STATUS event and its audit line; updates `run` in place. */
async function changeRun(tx, run, change, audit) {
    const previousStatus = run.status;
    const rows = (0, returning_rows_1.returningRows)(await tx.manager.query(`UPDATE workflow_runs r SET status = $2, error = $3, started_at = $4, completed_at = $5, updated_at = now() WHERE r.id = $1 RETURNING ${workflow_rows_1.RUN_COLUMNS}`, [run.id, change.status, change.error === undefined ? run.error : change.error, change.startedAt === undefined ? run.startedAt : change.startedAt, change.completedAt === undefined ? run.completedAt : change.completedAt]));
    Object.assign(run, (0, workflow_rows_1.runFromRow)(rows[0]));
    await tx.record({ kind: 'WORKFLOW_RUN_STATUS', workflowRunId: run.id, status: run.status, previousStatus, data: { run: (0, workflow_rows_1.runSnapshot)(run) } }, { level: audit.level, message: audit.message, metadata: { workflowRunId: run.id, workflowId: run.workflowId } });
}
/**
 * Writes a step's change, its STEP_STATUS event and its audit line; updates `step` in place.
 * The event carries the run's snapshot too (data.run), so run subscribers hear step changes.
 */
async function changeStep(tx, run, step, change, audit) {
    const previousStatus = step.status;
    const next = {
        ...step,
        status: change.status,
        taskId: change.taskId === undefined ? step.taskId : change.taskId,
        attempts: change.attempts ?? step.attempts,
        output: change.output === undefined ? step.output : change.output,
        error: change.error === undefined ? step.error : change.error,
        startedAt: change.startedAt === undefined ? step.startedAt : change.startedAt,
        completedAt: change.completedAt === undefined ? step.completedAt : change.completedAt,
    };
    const rows = (0, returning_rows_1.returningRows)(await tx.manager.query(`UPDATE workflow_step_runs s SET status = $3, task_id = $4, attempts = $5, output = $6, error = $7, started_at = $8, completed_at = $9
     WHERE s.run_id = $1 AND s.step_id = $2 RETURNING ${workflow_rows_1.STEP_COLUMNS}`, [step.runId, step.stepId, next.status, next.taskId, next.attempts, next.output === undefined || next.output === null ? null : JSON.stringify(next.output), next.error, next.startedAt, next.completedAt]));
    Object.assign(step, (0, workflow_rows_1.stepFromRow)(rows[0]));
    await tx.record({
        kind: 'STEP_STATUS',
        workflowRunId: step.runId,
        taskId: step.taskId,
        agentId: audit.agentId ?? null,
        status: step.status,
        previousStatus,
        data: { step: (0, workflow_rows_1.stepSnapshot)(step), run: (0, workflow_rows_1.runSnapshot)(run) },
    }, { agentId: audit.agentId ?? null, taskId: step.taskId, level: audit.level, message: audit.message, metadata: { workflowRunId: step.runId, stepId: step.stepId } });
}
/** Inserts a new PENDING run and its PENDING steps (in topological order) and returns them. */
async function insertRun(tx, workflowId, input, stepOrder) {
    const rows = await tx.manager.query(`INSERT INTO workflow_runs AS r (workflow_id, status, input, created_by) VALUES ($1, 'PENDING', $2, $3) RETURNING ${workflow_rows_1.RUN_COLUMNS}`, [workflowId, JSON.stringify(input), tx.actor.name]);
    const run = (0, workflow_rows_1.runFromRow)(rows[0]);
    const stepRows = await tx.manager.query(`INSERT INTO workflow_step_runs AS s (run_id, step_id, position)
     SELECT $1, step_id, position - 1 FROM unnest($2::text[]) WITH ORDINALITY AS ordered(step_id, position)
     RETURNING ${workflow_rows_1.STEP_COLUMNS}`, [run.id, stepOrder]);
    return { run, steps: stepRows.map(workflow_rows_1.stepFromRow).sort((a, b) => a.position - b.position) };
}
/** Of these tasks, those whose row lock could be taken now (the rest are mid-change in another transaction). */
async function lockTasksNow(tx, taskIds) {
    if (taskIds.length === 0)
        return new Set();
    const rows = await tx.manager.query('SELECT id FROM agent_tasks WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE SKIP LOCKED', [taskIds]);
    return new Set(rows.map((row) => row.id));
}
/** The id of a visible agent named `reference`, or whose id it is; null when there is none. */
async function findAgentId(tx, reference, referenceIsId) {
    const rows = await tx.manager.query(`SELECT id FROM agent_instances WHERE deleted_at IS NULL AND (name = $1 OR ($2::uuid IS NOT NULL AND id = $2::uuid))
     ORDER BY (name = $1) DESC LIMIT 1`, [reference, referenceIsId ? reference.toLowerCase() : null]);
    return rows[0]?.id ?? null;
}
//# sourceMappingURL=workflow-run-store.js.map