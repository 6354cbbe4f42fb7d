import { useCallback, useRef, useState } from 'react';
import { AGENT_TASKS, TASK_UPDATED, taskRowsQuery } from '../api/task-queries';
import type { Connection, LiveEvent, Task, TaskStatus } from '../api/types';
import { useAsync } from '../hooks/use-async';
import { useEventFeed } from '../hooks/use-event-feed';
import { useLatest } from '../hooks/use-latest';
import { useSubscription } from '../hooks/use-subscription';
import { useSession } from '../session/session-context';
import { placeTask, type TaskPage } from './task-placement';

export interface AgentTasks extends TaskPage {
  page: number;
  loading: boolean;
  error: string | undefined;
  next(): void;
  previous(): void;
  apply(task: Task): void;
}

/** Most tasks one refresh request re-reads (the server's alias limit). */
const REFRESH_CHUNK = 15;

/**
 * One page of an agent's tasks, applied incrementally from taskUpdated(agentId). The
 * events(agentId) feed catches what the typed stream missed (after a reconnect it resumes
 * from its last cursor): a task whose shown status differs from the event's is re-read.
 */
export function useAgentTasks(agentId: string, filter: TaskStatus | '', pageSize: number, onActivity: () => void): AgentTasks {
  const { http } = useSession();
  const [pages, setPages] = useState<{ key: string; starts: (string | null)[] }>({ key: '', starts: [null] });
  const key = `${filter}|${pageSize}`;
  const starts = pages.key === key ? pages.starts : [null];
  const after = starts[starts.length - 1] ?? null;

  const state = useAsync(async (): Promise<TaskPage> => {
    const { agent } = await http.request<{ agent: { tasks: Connection<Task> } | null }>(AGENT_TASKS, { id: agentId, status: filter || null, first: pageSize, after });
    const tasks = agent?.tasks;
    if (!tasks) return { rows: [], hasNext: false, endCursor: null, totalCount: 0 };
    return { rows: tasks.edges.map((edge) => edge.node), hasNext: tasks.pageInfo.hasNextPage, endCursor: tasks.pageInfo.endCursor, totalCount: tasks.totalCount };
  }, [http, agentId, filter, pageSize, after]);
  const latest = useLatest({ state, filter, pageSize, page: starts.length, onActivity });

  const apply = useCallback((task: Task) => {
    const { filter: currentFilter, page, pageSize: size } = latest.current;
    latest.current.state.setData((data) => (data ? placeTask(data, task, currentFilter, page, size) : data));
  }, [latest]);

  useSubscription<{ taskUpdated: Task }>({
    query: TASK_UPDATED,
    variables: { agentId },
    enabled: state.data !== undefined,
    onData: ({ taskUpdated }) => {
      apply(taskUpdated);
      latest.current.onActivity();
    },
  });

  const stale = useRef(new Set<string>());
  const draining = useRef(false);
  const drain = useCallback(async () => {
    if (draining.current) return;
    draining.current = true;
    try {
      while (stale.current.size > 0) {
        const chunk = [...stale.current].slice(0, REFRESH_CHUNK);
        for (const id of chunk) stale.current.delete(id);
        const data = await http.request<Record<string, Task | null>>(taskRowsQuery(chunk.length), Object.fromEntries(chunk.map((id, index) => [`t${index}`, id])));
        chunk.forEach((_, index) => {
          const task = data[`t${index}`];
          if (task) apply(task);
        });
      }
    } catch {
      stale.current.clear(); // the next event or reconnect reads them again
    } finally {
      draining.current = false;
    }
  }, [http, apply]);

  useEventFeed({
    kinds: ['TASK_STATUS'],
    agentId,
    // Long enough for taskUpdated, which carries the same changes, to have been applied first.
    flushMs: 1_000,
    onEvents: (events: LiveEvent[]) => {
      const data = latest.current.state.data;
      if (!data) return;
      let unseen = false;
      for (const event of events) {
        if (event.taskId === null) continue;
        const row = data.rows.find((each) => each.id === event.taskId);
        if (row === undefined) unseen ||= latest.current.filter === '' || event.status === latest.current.filter;
        else if (row.status !== event.status) stale.current.add(row.id);
      }
      if (unseen && latest.current.page === 1) latest.current.state.reload();
      void drain();
      latest.current.onActivity();
    },
    onResync: () => latest.current.state.reload(),
  });

  const data = state.data ?? { rows: [], hasNext: false, endCursor: null, totalCount: 0 };
  return {
    ...data,
    page: starts.length,
    loading: state.loading,
    error: state.error,
    next: () => {
      if (data.hasNext && data.endCursor) setPages({ key, starts: [...starts, data.endCursor] });
    },
    previous: () => {
      if (starts.length > 1) setPages({ key, starts: starts.slice(0, -1) });
    },
    apply,
  };
}
