import type { ChangeTransaction } from '../events/change-transaction';

/** What a workflow step asks the task engine to run. */
export interface WorkflowTaskSpec {
  type: string;
  /** The step's payload with its templates already substituted. */
  payload: unknown;
  /** A specific agent (a step's `agent:`, resolved to its id); null: route by agentType or task type. */
  agentId?: string | null;
  agentType?: string | null;
  maxAttempts: number;
  timeoutSeconds: number | null;
  priority: number;
  workflowRunId: string;
  stepId: string;
}

/**
 * The part of the task engine the workflow engine needs, implemented by the task service.
 * Both methods run inside the caller's transaction, so a step and its task commit together.
 *
 * Lock order (so workers and the workflow engine cannot deadlock): a task's row, then its
 * workflow run's row. The task engine calls WorkflowEngine.onTaskChanged after updating the
 * task row and before touching other rows; the workflow engine never waits for a task row's
 * lock while holding a run's lock (it uses SKIP LOCKED and lets the hook finish the job).
 */
export interface WorkflowTaskPort {
  /**
   * Creates a QUEUED task (and its job) inside the caller's transaction. Throws DomainError
   * AGENT_NOT_RUNNING / NO_AGENT_AVAILABLE / BAD_USER_INPUT like distributeTask, before writing.
   */
  enqueue(tx: ChangeTransaction, spec: WorkflowTaskSpec): Promise<{ id: string; agentId: string }>;
  /** Cancels a QUEUED task or requests abort of a RUNNING one, inside the caller's transaction. */
  cancel(tx: ChangeTransaction, taskId: string): Promise<void>;
}
