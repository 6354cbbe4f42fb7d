import type { Task, TaskStatus } from '../api/types';

/** One page of an agent's tasks, newest first. */
export interface TaskPage {
  rows: Task[];
  hasNext: boolean;
  endCursor: string | null;
  totalCount: number;
}

const newerFirst = (a: Task, b: Task): number => (a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : b.createdAt.localeCompare(a.createdAt));

/**
 * Applies a task snapshot to a page: replaced in place; dropped when it no longer matches the
 * status filter; inserted at its place when it is new to the page and falls within it (the
 * server orders by creation, newest first).
 */
export function placeTask(page: TaskPage, task: Task, filter: TaskStatus | '', pageNumber: number, pageSize: number): TaskPage {
  const index = page.rows.findIndex((row) => row.id === task.id);
  const matches = filter === '' || task.status === filter;
  if (index >= 0) {
    if (!matches) return { ...page, rows: page.rows.filter((row) => row.id !== task.id), totalCount: Math.max(0, page.totalCount - 1) };
    const rows = page.rows.slice();
    rows[index] = task;
    return { ...page, rows };
  }
  if (!matches) return page;
  const position = page.rows.findIndex((row) => newerFirst(task, row) < 0);
  const at = position < 0 ? page.rows.length : position;
  const withinPage = (at > 0 || pageNumber === 1) && (at < page.rows.length || !page.hasNext);
  if (!withinPage) return { ...page, totalCount: page.totalCount + 1 };
  const rows = [...page.rows.slice(0, at), task, ...page.rows.slice(at)];
  const trimmed = rows.length > pageSize;
  return { ...page, rows: trimmed ? rows.slice(0, pageSize) : rows, hasNext: page.hasNext || trimmed, totalCount: page.totalCount + 1 };
}
