/** What a step does when its task ends FAILED (or CANCELLED outside cancelWorkflowRun). */
export const ON_FAILURE_POLICIES = ['fail', 'continue'] as const;
export type OnFailurePolicy = (typeof ON_FAILURE_POLICIES)[number];

/** One step of a normalised definition: every optional field present, defaults filled. */
export interface WorkflowStepDefinition {
  id: string;
  task: string;
  /** Route to a RUNNING agent of this type; null with `agent` null: any type accepting the task. */
  agentType: string | null;
  /** An agent's name or id, resolved when the step starts (agents may be created after the workflow). */
  agent: string | null;
  /** The task payload; strings may hold `${{ input.NAME }}` and `${{ steps.ID.output.PATH }}`. */
  payload: Record<string, unknown>;
  dependsOn: string[];
  /** Attempts of the step's task, 1..20. Default 3. */
  maxAttempts: number;
  /** Longest attempt, in seconds (1..86_400); null: no timeout. */
  timeoutSeconds: number | null;
  /** Task priority, higher runs first. Default 0. */
  priority: number;
  /** Default "fail". */
  onFailure: OnFailurePolicy;
}

/** The normalised definition stored with each workflow version (Workflow.definition). */
export interface WorkflowDefinition {
  name: string;
  description: string | null;
  steps: WorkflowStepDefinition[];
}

/** One thing wrong with a submitted definition (the GraphQL WorkflowProblem). */
export interface WorkflowProblem {
  message: string;
  /** Where in the definition, e.g. "steps[2].dependsOn[0]"; null for the document as a whole. */
  path: string | null;
  /** 1-based line in the submitted text, when known. */
  line: number | null;
}

export interface WorkflowValidation {
  valid: boolean;
  problems: WorkflowProblem[];
  /** A topological order of the step ids (definition order among ready steps); empty when invalid. */
  stepOrder: string[];
  /** The normalised definition; null when invalid. */
  definition: WorkflowDefinition | null;
}

/** Defaults of optional step fields. */
export const STEP_DEFAULTS = Object.freeze({ maxAttempts: 3, onFailure: 'fail' as OnFailurePolicy, priority: 0 });
export const MAX_ATTEMPTS_RANGE = Object.freeze({ min: 1, max: 20 });
export const TIMEOUT_SECONDS_RANGE = Object.freeze({ min: 1, max: 86_400 });
export const PRIORITY_RANGE = Object.freeze({ min: -1_000, max: 1_000 });
/** Most steps one workflow may have. */
export const MAX_STEPS = 200;
/** Longest workflow name, in characters. */
export const MAX_NAME_LENGTH = 100;
export const WORKFLOW_NAME_PATTERN = /^[A-Za-z0-9._-]+$/;
/** Step ids are template path segments too, so no '.'. */
export const STEP_ID_PATTERN = /^[A-Za-z0-9_-]+$/;
