"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TASK_COLUMNS = void 0;
exports.taskFromRow = taskFromRow;
function taskFromRow(row) {
    return {
        id: row.id,
        agentId: row.agent_id,
        type: row.type,
        status: row.status,
        payload: row.payload,
        result: row.result,
        error: row.error,
        attempts: row.attempts,
        maxAttempts: row.max_attempts,
        priority: row.priority,
        runAt: row.run_at,
        timeoutSeconds: row.timeout_seconds,
        idempotencyKey: row.idempotency_key,
        workflowRunId: row.workflow_run_id,
        stepId: row.step_id,
        createdAt: row.created_at,
        startedAt: row.started_at,
        completedAt: row.completed_at,
        durationMs: row.duration_ms,
    };
}
exports.TASK_COLUMNS = 't.id, t.agent_id, t.type, t.status, t.payload, t.result, t.error, t.attempts, t.max_attempts, t.priority, t.run_at, t.timeout_seconds, t.idempotency_key, t.workflow_run_id, t.step_id, t.created_at, t.started_at, t.completed_at, t.duration_ms';
//# sourceMappingURL=task-row.js.map