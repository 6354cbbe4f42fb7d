import { registerEnumType } from 'type-graphql';

// Values equal names so the database's text columns and GraphQL agree without mapping.
export enum Role {
  VIEWER = 'VIEWER',
  OPERATOR = 'OPERATOR',
  ADMIN = 'ADMIN',
}
export enum AgentStatus {
  CREATED = 'CREATED',
  STARTING = 'STARTING',
  RUNNING = 'RUNNING',
  STOPPING = 'STOPPING',
  STOPPED = 'STOPPED',
  ERROR = 'ERROR',
}
export enum TaskStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}
export enum WorkflowRunStatus {
  PENDING = 'PENDING',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}
export enum StepStatus {
  PENDING = 'PENDING',
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  SKIPPED = 'SKIPPED',
  CANCELLED = 'CANCELLED',
}
export enum LogLevel {
  DEBUG = 'DEBUG',
  INFO = 'INFO',
  WARN = 'WARN',
  ERROR = 'ERROR',
}
export enum EventKind {
  AGENT_STATUS = 'AGENT_STATUS',
  TASK_STATUS = 'TASK_STATUS',
  WORKFLOW_RUN_STATUS = 'WORKFLOW_RUN_STATUS',
  STEP_STATUS = 'STEP_STATUS',
  LOG = 'LOG',
  EVIDENCE = 'EVIDENCE',
  SCHEDULE = 'SCHEDULE',
}

registerEnumType(Role, { name: 'Role' });
registerEnumType(AgentStatus, { name: 'AgentStatus' });
registerEnumType(TaskStatus, { name: 'TaskStatus' });
registerEnumType(WorkflowRunStatus, { name: 'WorkflowRunStatus' });
registerEnumType(StepStatus, { name: 'StepStatus' });
registerEnumType(LogLevel, { name: 'LogLevel' });
registerEnumType(EventKind, { name: 'EventKind' });
