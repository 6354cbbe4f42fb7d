import { returningRows } from '../../db/returning-rows';
import type { ChangeTransaction } from '../events/change-transaction';
import type { LogLevel } from '../events/event-types';
import { TASK_COLUMNS, taskFromRow, type TaskRow, type TaskView } from './task-row';
import { taskSnapshot } from './task-snapshot';

/** Called inside the transaction of every task status change (the workflow engine advances runs here). */
export type TaskChangeHook = (tx: ChangeTransaction, task: TaskView, previousStatus: string | null) => Promise<void>;

export class TaskHooks {
  private readonly hooks: TaskChangeHook[] = [];

  add(hook: TaskChangeHook): void {
    this.hooks.push(hook);
  }

  async run(tx: ChangeTransaction, task: TaskView, previousStatus: string | null): Promise<void> {
    for (const hook of this.hooks) await hook(tx, task, previousStatus);
  }
}

/**
 * Audit messages the task fast paths also write (migration 7's functions, with format()): one
 * text for both, `%s` filled in order.
 */
export const TASK_MESSAGE = Object.freeze({
  /** type, agent name */
  queued: 'task %s queued for agent "%s"',
  /** type, attempt, maxAttempts */
  started: 'task %s attempt %s of %s started',
  /** type, attempt */
  succeeded: 'task %s succeeded on attempt %s',
});

/** A TASK_MESSAGE with its `%s` filled in order, as PostgreSQL's format() fills it. */
export function taskMessage(format: string, ...values: (string | number)[]): string {
  let next = 0;
  return format.replace(/%s/g, () => String(values[next++]));
}

export interface TaskAudit {
  level: LogLevel;
  message: string;
  metadata?: Record<string, unknown>;
}

/** Writes a task's status change: its TASK_STATUS event with the task snapshot, its audit line, then the hooks. */
export async function recordTaskChange(tx: ChangeTransaction, hooks: TaskHooks, task: TaskView, previousStatus: string | null, audit: TaskAudit): Promise<void> {
  await tx.record(
    {
      kind: 'TASK_STATUS',
      agentId: task.agentId,
      taskId: task.id,
      workflowRunId: task.workflowRunId,
      status: task.status,
      previousStatus,
      data: { task: taskSnapshot(task) },
    },
    { agentId: task.agentId, taskId: task.id, level: audit.level, message: audit.message, metadata: { type: task.type, attempts: task.attempts, ...audit.metadata } },
  );
  await hooks.run(tx, task, previousStatus);
}

/** Reads one task row-locked in the caller's transaction. */
export async function lockTask(tx: ChangeTransaction, taskId: string): Promise<TaskView | null> {
  const rows: TaskRow[] = await tx.manager.query(`SELECT ${TASK_COLUMNS} FROM agent_tasks t WHERE t.id = $1 FOR UPDATE`, [taskId]);
  return rows.length === 0 ? null : taskFromRow(rows[0]!);
}

/** Updates columns of a task and returns the new row. */
export async function updateTask(tx: ChangeTransaction, taskId: string, set: string, params: unknown[]): Promise<TaskView> {
  const rows = returningRows<TaskRow>(
    await tx.manager.query(`UPDATE agent_tasks t SET ${set}, updated_at = now() WHERE t.id = $1 RETURNING ${TASK_COLUMNS}`, [taskId, ...params]),
  );
  return taskFromRow(rows[0]!);
}
