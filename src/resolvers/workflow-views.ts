import { StepStatus, WorkflowRunStatus } from '../schema/enums';
import type { Workflow } from '../schema/types/workflow.type';
import type { WorkflowRun, WorkflowStepRun } from '../schema/types/workflow-run.type';
import type { StepRunRecord, WorkflowRecord, WorkflowRunRecord } from '../services/workflows/workflow-rows';

// Presentation only: workflow rows to their GraphQL shapes.

export function workflowView(record: WorkflowRecord): Workflow {
  return { id: record.id, name: record.name, version: record.version, definition: record.definition, source: record.source, createdAt: record.createdAt };
}

export function workflowRunView(record: WorkflowRunRecord): WorkflowRun {
  return {
    id: record.id,
    workflowId: record.workflowId,
    status: record.status as WorkflowRunStatus,
    input: record.input,
    error: record.error,
    createdAt: record.createdAt,
    startedAt: record.startedAt,
    completedAt: record.completedAt,
  };
}

export function stepRunView(record: StepRunRecord): WorkflowStepRun {
  return {
    runId: record.runId,
    taskId: record.taskId,
    stepId: record.stepId,
    status: record.status as StepStatus,
    attempts: record.attempts,
    output: record.output,
    error: record.error,
    startedAt: record.startedAt,
    completedAt: record.completedAt,
  };
}
