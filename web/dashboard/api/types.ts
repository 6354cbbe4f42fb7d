// The shapes the dashboard reads from the GraphQL API (see the contract's schema.graphql).
// Dates stay ISO strings as they travel; the components format them.

export type Role = 'VIEWER' | 'OPERATOR' | 'ADMIN';
export type AgentStatus = 'CREATED' | 'STARTING' | 'RUNNING' | 'STOPPING' | 'STOPPED' | 'ERROR';
export type TaskStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
export type WorkflowRunStatus = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
export type StepStatus = 'PENDING' | 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'SKIPPED' | 'CANCELLED';
export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
export type EventKind = 'AGENT_STATUS' | 'TASK_STATUS' | 'WORKFLOW_RUN_STATUS' | 'STEP_STATUS' | 'LOG' | 'EVIDENCE' | 'SCHEDULE';

export const TASK_STATUSES: readonly TaskStatus[] = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];

export interface Viewer {
  name: string;
  role: Role;
}

export interface AgentHealth {
  queuedTasks: number;
  runningTasks: number;
  succeededTasks: number;
  failedTasks: number;
  successRate: number | null;
  avgTaskMs: number | null;
  lastError: string | null;
  lastActiveAt: string | null;
}

/** The fields every agent event snapshot carries (no config, no health). */
export interface AgentCore {
  id: string;
  name: string;
  type: string;
  status: AgentStatus;
  statusReason: string | null;
  maxConcurrency: number;
  createdAt: string;
  lastActiveAt: string | null;
}

export interface AgentRow extends AgentCore {
  health: AgentHealth;
}

export interface AgentDetail extends AgentRow {
  /** Secrets come back as "********". */
  config: Record<string, unknown>;
}

export type JsonSchema = Record<string, unknown>;

export interface AgentTypeInfo {
  key: string;
  description: string;
  configSchema: JsonSchema;
  taskTypes: string[];
}

export interface Task {
  id: string;
  type: string;
  status: TaskStatus;
  payload: unknown;
  result: unknown;
  error: string | null;
  attempts: number;
  maxAttempts: number;
  priority: number;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  durationMs: number | null;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Connection<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: PageInfo;
  totalCount: number;
}

export interface LogLine {
  id: string;
  level: LogLevel;
  message: string;
  actor: string | null;
  timestamp: string;
}

export interface MetricPoint {
  timestamp: string;
  count: number;
  sum: number;
  avg: number;
  min: number;
  max: number;
}

export interface StatusCount {
  status: string;
  count: number;
}

export interface SystemOverview {
  agentsByStatus: StatusCount[];
  tasksByStatus: StatusCount[];
  queueDepth: number;
  tasksPerMinute: number;
  at: string;
}

export interface Schedule {
  id: string;
  taskType: string;
  payload: unknown;
  cron: string;
  enabled: boolean;
  lastRunAt: string | null;
  nextRunAt: string | null;
}

export interface Evidence {
  id: string;
  source: string;
  kind: string;
  externalId: string | null;
  sha256: string;
  collectedAt: string;
  task: { id: string } | null;
}

export interface EvidenceVerification {
  ok: boolean;
  checked: number;
  firstBadId: string | null;
  reason: string | null;
}

export interface WorkflowVersion {
  id: string;
  name: string;
  version: number;
  createdAt: string;
}

export interface WorkflowStepDefinition {
  id: string;
  task: string;
  dependsOn: string[];
  agentType?: string | null;
  agent?: string | null;
}

export interface Workflow extends WorkflowVersion {
  source: string;
  definition: { name: string; description?: string | null; steps: WorkflowStepDefinition[] };
}

export interface WorkflowProblem {
  message: string;
  path: string | null;
  line: number | null;
}

export interface WorkflowValidation {
  valid: boolean;
  problems: WorkflowProblem[];
  stepOrder: string[];
}

export interface StepRun {
  stepId: string;
  status: StepStatus;
  attempts: number;
  output: unknown;
  error: string | null;
  startedAt: string | null;
  completedAt: string | null;
  task: { id: string; agent: { id: string; name: string } | null } | null;
}

export interface RunSummary {
  id: string;
  status: WorkflowRunStatus;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
}

export interface WorkflowRun extends RunSummary {
  input: unknown;
  workflow: Workflow;
  steps: StepRun[];
}

/** One durable change event; `data` only when the subscription selects it. */
export interface LiveEvent {
  cursor: string;
  kind: EventKind;
  agentId: string | null;
  taskId: string | null;
  workflowRunId: string | null;
  status: string | null;
  data?: Record<string, unknown> | null;
}
