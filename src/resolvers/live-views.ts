import { AgentStatus, LogLevel, WorkflowRunStatus } from '../schema/enums';
import type { Agent } from '../schema/types/agent.type';
import type { AgentLog } from '../schema/types/agent-log.type';
import type { Task } from '../schema/types/task.type';
import type { WorkflowRun } from '../schema/types/workflow-run.type';
import type { AgentSnapshot } from '../services/agents/agent-snapshot';
import type { StoredEvent, StoredLogLine } from '../services/events/event-types';
import { taskFromSnapshot, type TaskSnapshot } from '../services/tasks/task-snapshot';
import { taskView } from './views';

// Presentation of live events: the snapshots events carry (see the event data conventions)
// to the GraphQL shapes, with no database lookup.

/** The root of an AgentStatusEvent: `agent` is resolved from the snapshot by AgentStatusEventResolver. */
export interface AgentStatusEventRoot {
  snapshot: AgentSnapshot;
  previousStatus: AgentStatus | null;
  status: AgentStatus;
  at: Date;
}

const date = (value: unknown): Date | null => (typeof value === 'string' ? new Date(value) : value instanceof Date ? value : null);

function snapshotOf<T>(event: StoredEvent, key: string): T | null {
  const value = event.data?.[key];
  return typeof value === 'object' && value !== null ? (value as T) : null;
}

export function agentSnapshotOf(event: StoredEvent): AgentSnapshot | null {
  return snapshotOf<AgentSnapshot>(event, 'agent');
}

export function taskSnapshotOf(event: StoredEvent): TaskSnapshot | null {
  return snapshotOf<TaskSnapshot>(event, 'task');
}

export function runSnapshotOf(event: StoredEvent): Record<string, unknown> | null {
  return snapshotOf<Record<string, unknown>>(event, 'run');
}

/** The audit line an event carries: every change's event embeds its line under data.log. */
export function logLineOf(event: StoredEvent): StoredLogLine | null {
  return snapshotOf<StoredLogLine>(event, 'log');
}

export function agentStatusEventRoot(event: StoredEvent): AgentStatusEventRoot {
  const snapshot = agentSnapshotOf(event)!;
  return {
    snapshot,
    previousStatus: (event.previousStatus as AgentStatus | null) ?? null,
    status: (event.status ?? snapshot.status) as AgentStatus,
    at: event.at,
  };
}

/** The agent as the event saw it; config is not in events (it may hold secrets) and comes from `config`. */
export function agentFromSnapshot(snapshot: AgentSnapshot, config: unknown, deletedAt: Date | null): Agent {
  return {
    id: snapshot.id,
    name: snapshot.name,
    type: snapshot.type,
    status: snapshot.status as AgentStatus,
    statusReason: snapshot.statusReason,
    maxConcurrency: snapshot.maxConcurrency,
    config,
    createdAt: new Date(snapshot.createdAt),
    lastActiveAt: date(snapshot.lastActiveAt),
    deletedAt,
  };
}

export function taskFromEvent(event: StoredEvent): Task {
  return taskView(taskFromSnapshot(taskSnapshotOf(event)!));
}

export function workflowRunFromEvent(event: StoredEvent): WorkflowRun {
  const run = runSnapshotOf(event)!;
  return {
    id: String(run['id']),
    workflowId: String(run['workflowId']),
    status: run['status'] as WorkflowRunStatus,
    input: run['input'] ?? null,
    error: (run['error'] as string | null) ?? null,
    createdAt: date(run['createdAt']) ?? event.at,
    startedAt: date(run['startedAt']),
    completedAt: date(run['completedAt']),
  };
}

export function agentLogFromEvent(event: StoredEvent): AgentLog {
  const line = logLineOf(event)!;
  return {
    id: line.id,
    agentId: line.agentId,
    taskId: line.taskId,
    level: line.level as LogLevel,
    message: line.message,
    metadata: line.metadata ?? null,
    actor: line.actor,
    correlationId: line.correlationId,
    timestamp: new Date(line.timestamp),
  };
}
