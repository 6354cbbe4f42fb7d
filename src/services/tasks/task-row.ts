/** A task as read with raw SQL (snake_case columns). */
export interface TaskRow {
  id: string;
  agent_id: string;
  type: string;
  status: string;
  payload: unknown;
  result: unknown;
  error: string | null;
  attempts: number;
  max_attempts: number;
  priority: number;
  run_at: Date | null;
  timeout_seconds: number | null;
  idempotency_key: string | null;
  workflow_run_id: string | null;
  step_id: string | null;
  created_at: Date;
  started_at: Date | null;
  completed_at: Date | null;
  duration_ms: number | null;
}

/** The task as services hand it to callers. */
export interface TaskView {
  id: string;
  agentId: string;
  type: string;
  status: string;
  payload: unknown;
  result: unknown;
  error: string | null;
  attempts: number;
  maxAttempts: number;
  priority: number;
  runAt: Date | null;
  timeoutSeconds: number | null;
  idempotencyKey: string | null;
  workflowRunId: string | null;
  stepId: string | null;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  durationMs: number | null;
}

export function taskFromRow(row: TaskRow): TaskView {
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

export const TASK_COLUMNS =
  't.id, t.agent_id, t.type, t.status, t.payload, t.result, t.error, t.attempts, t.max_attempts, t.priority, t.run_at, t.timeout_seconds, t.idempotency_key, t.workflow_run_id, t.step_id, t.created_at, t.started_at, t.completed_at, t.duration_ms';
