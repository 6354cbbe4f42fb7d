export const EVENT_KINDS = ['AGENT_STATUS', 'TASK_STATUS', 'WORKFLOW_RUN_STATUS', 'STEP_STATUS', 'LOG', 'EVIDENCE', 'SCHEDULE'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function logLevelRank(level: LogLevel): number {
  return LOG_LEVELS.indexOf(level);
}

/** A state change to record, before it has a cursor. */
export interface NewEvent {
  kind: EventKind;
  agentId?: string | null;
  taskId?: string | null;
  workflowRunId?: string | null;
  status?: string | null;
  previousStatus?: string | null;
  data?: Record<string, unknown> | null;
}

/** The audit line that goes with a change (or a log line of its own). */
export interface NewLogLine {
  agentId?: string | null;
  taskId?: string | null;
  level: LogLevel;
  message: string;
  metadata?: Record<string, unknown> | null;
}

/** The audit line as stored; embedded in its event's data under `log` so live tails need no lookup. */
export interface StoredLogLine {
  id: string;
  agentId: string | null;
  taskId: string | null;
  level: LogLevel;
  message: string;
  metadata: unknown;
  actor: string | null;
  correlationId: string | null;
  timestamp: string;
}

/** A committed event, as read back or published. */
export interface StoredEvent {
  cursor: string;
  kind: EventKind;
  at: Date;
  agentId: string | null;
  taskId: string | null;
  workflowRunId: string | null;
  status: string | null;
  previousStatus: string | null;
  data: Record<string, unknown> | null;
  actor: string | null;
  correlationId: string | null;
}
