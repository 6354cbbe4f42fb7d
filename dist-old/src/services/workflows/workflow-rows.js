"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.STEP_COLUMNS = exports.RUN_COLUMNS = exports.WORKFLOW_COLUMNS = exports.STEP_STATUSES = exports.RUN_STATUSES = void 0;
exports.isRunFinished = isRunFinished;
exports.isStepFinished = isStepFinished;
exports.workflowFromRow = workflowFromRow;
exports.runFromRow = runFromRow;
exports.stepFromRow = stepFromRow;
exports.runSnapshot = runSnapshot;
exports.stepSnapshot = stepSnapshot;
exports.RUN_STATUSES = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];
exports.STEP_STATUSES = ['PENDING', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED', 'CANCELLED'];
function isRunFinished(status) {
    return status === 'SUCCEEDED' || status === 'FAILED' || status === 'CANCELLED';
}
function isStepFinished(status) {
    return status === 'SUCCEEDED' || status === 'FAILED' || status === 'SKIPPED' || status === 'CANCELLED';
}
exports.WORKFLOW_COLUMNS = 'w.id, w.name, w.version, w.definition, w.source, w.created_by, w.created_at';
exports.RUN_COLUMNS = 'r.id, r.workflow_id, r.status, r.input, r.error, r.created_by, r.created_at, r.started_at, r.completed_at';
exports.STEP_COLUMNS = 's.run_id, s.step_id, s.position, s.status, s.task_id, s.attempts, s.output, s.error, s.started_at, s.completed_at';
function workflowFromRow(row) {
    return {
        id: row['id'],
        name: row['name'],
        version: row['version'],
        definition: row['definition'],
        source: row['source'],
        createdBy: row['created_by'],
        createdAt: row['created_at'],
    };
}
function runFromRow(row) {
    return {
        id: row['id'],
        workflowId: row['workflow_id'],
        status: row['status'],
        input: row['input'],
        error: row['error'],
        createdBy: row['created_by'],
        createdAt: row['created_at'],
        startedAt: row['started_at'],
        completedAt: row['completed_at'],
    };
}
function stepFromRow(row) {
    return {
        runId: row['run_id'],
        stepId: row['step_id'],
        position: row['position'],
        status: row['status'],
        taskId: row['task_id'],
        attempts: row['attempts'],
        output: row['output'],
        error: row['error'],
        startedAt: row['started_at'],
        completedAt: row['completed_at'],
    };
}
const iso = (date) => (date === null ? null : new Date(date).toISOString());
/** data.run of WORKFLOW_RUN_STATUS events: plain JSON, dates as ISO strings. */
function runSnapshot(run) {
    return {
        id: run.id,
        workflowId: run.workflowId,
        status: run.status,
        input: run.input ?? null,
        error: run.error,
        createdAt: iso(run.createdAt),
        startedAt: iso(run.startedAt),
        completedAt: iso(run.completedAt),
    };
}
/** data.step of STEP_STATUS events. */
function stepSnapshot(step) {
    return {
        runId: step.runId,
        stepId: step.stepId,
        status: step.status,
        taskId: step.taskId,
        attempts: step.attempts,
        output: step.output ?? null,
        error: step.error,
        startedAt: iso(step.startedAt),
        completedAt: iso(step.completedAt),
    };
}
//# sourceMappingURL=workflow-rows.js.map