import type { WorkflowDefinition } from './workflow-definition';

export const RUN_STATUSES = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const STEP_STATUSES = ['PENDING', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED', 'CANCELLED'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export function isRunFinished(status: RunStatus): boolean {
  return status === 'SUCCEEDED' || status === 'FAILED' || status === 'CANCELLED';
}

export function isStepFinished(status: StepStatus): boolean {
  return status === 'SUCCEEDED' || status === 'FAILED' || status === 'SKIPPED' || status === 'CANCELLED';
}

/** One stored version of a workflow. */
export interface WorkflowRecord {
  id: string;
  name: string;
  version: number;
  definition: WorkflowDefinition;
  source: string;
  createdBy: string | null;
  createdAt: Date;
}

export interface WorkflowRunRecord {
  id: string;
  workflowId: string;
  status: RunStatus;
  input: unknown;
  error: string | null;
  createdBy: string | null;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
}

/** A run with its steps as one change left them: a consistent picture for the change's answer. */
export interface WorkflowRunSnapshot extends WorkflowRunRecord {
  steps: StepRunRecord[];
}

export interface StepRunRecord {
  runId: string;
  stepId: string;
  /** Position in the definition's topological order. */
  position: number;
  status: StepStatus;
  taskId: string | null;
  attempts: number;
  output: unknown;
  error: string | null;
  startedAt: Date | null;
  completedAt: Date | null;
}

export const WORKFLOW_COLUMNS = 'w.id, w.name, w.version, w.definition, w.source, w.created_by, w.created_at';
export const RUN_COLUMNS = 'r.id, r.workflow_id, r.status, r.input, r.error, r.created_by, r.created_at, r.started_at, r.completed_at';
export const STEP_COLUMNS = 's.run_id, s.step_id, s.position, s.status, s.task_id, s.attempts, s.output, s.error, s.started_at, s.completed_at';

type Row = Record<string, unknown>;

export function workflowFromRow(row: Row): WorkflowRecord {
  return {
    id: row['id'] as string,
    name: row['name'] as string,
    version: row['version'] as number,
    definition: row['definition'] as WorkflowDefinition,
    source: row['source'] as string,
    createdBy: row['created_by'] as string | null,
    createdAt: row['created_at'] as Date,
  };
}

export function runFromRow(row: Row): WorkflowRunRecord {
  return {
    id: row['id'] as string,
    workflowId: row['workflow_id'] as string,
    status: row['status'] as RunStatus,
    input: row['input'],
    error: row['error'] as string | null,
    createdBy: row['created_by'] as string | null,
    createdAt: row['created_at'] as Date,
    startedAt: row['started_at'] as Date | null,
    completedAt: row['completed_at'] as Date | null,
  };
}

export function stepFromRow(row: Row): StepRunRecord {
  return {
    runId: row['run_id'] as string,
    stepId: row['step_id'] as string,
    position: row['position'] as number,
    status: row['status'] as StepStatus,
    taskId: row['task_id'] as string | null,
    attempts: row['attempts'] as number,
    output: row['output'],
    error: row['error'] as string | null,
    startedAt: row['started_at'] as Date | null,
    completedAt: row['completed_at'] as Date | null,
  };
}

const iso = (date: Date | null): string | null => (date === null ? null : new Date(date).toISOString());

/** data.run of WORKFLOW_RUN_STATUS events: plain JSON, dates as ISO strings. */
export function runSnapshot(run: WorkflowRunRecord): Record<string, unknown> {
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
export function stepSnapshot(step: StepRunRecord): Record<string, unknown> {
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
