import type { TaskView } from './task-row';

/** A task as events carry it: plain JSON, dates as ISO strings, the same whether read back or published. */
export type TaskSnapshot = Omit<TaskView, 'runAt' | 'createdAt' | 'startedAt' | 'completedAt'> & {
  runAt: string | null;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
};

const iso = (date: Date | null): string | null => (date === null ? null : new Date(date).toISOString());

export function taskSnapshot(task: TaskView): TaskSnapshot {
  return {
    ...task,
    runAt: iso(task.runAt),
    createdAt: new Date(task.createdAt).toISOString(),
    startedAt: iso(task.startedAt),
    completedAt: iso(task.completedAt),
  };
}

/** Back from a snapshot to the view (for subscriptions resolving Task from an event). */
export function taskFromSnapshot(snapshot: TaskSnapshot): TaskView {
  const date = (value: string | null): Date | null => (value === null ? null : new Date(value));
  return { ...snapshot, runAt: date(snapshot.runAt), createdAt: new Date(snapshot.createdAt), startedAt: date(snapshot.startedAt), completedAt: date(snapshot.completedAt) };
}
