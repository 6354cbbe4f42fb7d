import { useCallback, useRef, useState } from 'react';
import { AGENTS_PAGE, AGENT_STATUS_CHANGED, agentRowsQuery } from '../api/agent-queries';
import type { AgentCore, AgentRow, AgentStatus, Connection, LiveEvent } from '../api/types';
import { useAsync } from '../hooks/use-async';
import { useEventFeed } from '../hooks/use-event-feed';
import { useLatest } from '../hooks/use-latest';
import { useSubscription } from '../hooks/use-subscription';
import { useSession } from '../session/session-context';
import { EMPTY_HEALTH, matchesFilter, type AgentFilter } from './agent-filter';

interface AgentPage {
  rows: AgentRow[];
  hasNext: boolean;
  endCursor: string | null;
  totalCount: number;
}

export interface AgentRows extends AgentPage {
  /** 1-based. */
  page: number;
  loading: boolean;
  error: string | undefined;
  next(): void;
  previous(): void;
  reload(): void;
  /** Applies an agent the page got from a mutation or an event; adds it when it is new and belongs on this page. */
  apply(agent: AgentCore | AgentRow, created: boolean): void;
}

/** Most rows one refresh request re-reads (the server's alias limit). */
const REFRESH_CHUNK = 15;

function applyAgent(page: AgentPage, agent: AgentCore | AgentRow, created: boolean, filter: AgentFilter, pageSize: number): AgentPage {
  const index = page.rows.findIndex((row) => row.id === agent.id);
  const belongs = matchesFilter(filter, agent);
  if (index >= 0) {
    if (!belongs) return { ...page, rows: page.rows.filter((row) => row.id !== agent.id), totalCount: page.totalCount - 1 };
    const previous = page.rows[index]!;
    const health = 'health' in agent ? agent.health : { ...previous.health, lastActiveAt: agent.lastActiveAt ?? previous.health.lastActiveAt };
    const rows = page.rows.slice();
    rows[index] = { ...previous, ...agent, health };
    return { ...page, rows };
  }
  if (!created || !belongs) return page;
  // The list is oldest first: a new agent belongs on the last page.
  if (page.hasNext) return { ...page, totalCount: page.totalCount + 1 };
  if (page.rows.length >= pageSize) return { ...page, hasNext: true, totalCount: page.totalCount + 1 };
  const row: AgentRow = { ...agent, health: 'health' in agent ? agent.health : { ...EMPTY_HEALTH } };
  return { ...page, rows: [...page.rows, row], totalCount: page.totalCount + 1 };
}

/**
 * One page of the agents table, kept current without polling: `agentStatusChanged` is applied
 * to its row at once; the `events` feed (AGENT_STATUS, TASK_STATUS, LOG) marks the rows whose
 * health or settings changed, which are re-read in one small request per second; after a
 * reconnect the page is read again and the feed resumes after its last cursor.
 */
export function useAgentRows(filter: AgentFilter, pageSize: number): AgentRows {
  const { http } = useSession();
  const filterKey = JSON.stringify(filter);
  const [pages, setPages] = useState<{ key: string; starts: (string | null)[] }>({ key: '', starts: [null] });
  const pagesKey = `${filterKey}|${pageSize}`;
  const starts = pages.key === pagesKey ? pages.starts : [null];
  const after = starts[starts.length - 1] ?? null;

  const state = useAsync(async (): Promise<AgentPage> => {
    const { agents } = await http.request<{ agents: Connection<AgentRow> }>(AGENTS_PAGE, { first: pageSize, after, filter });
    return { rows: agents.edges.map((edge) => edge.node), hasNext: agents.pageInfo.hasNextPage, endCursor: agents.pageInfo.endCursor, totalCount: agents.totalCount };
  }, [http, after, filterKey, pageSize]);
  const latest = useLatest({ state, filter, pageSize });

  const apply = useCallback((agent: AgentCore | AgentRow, created: boolean) => {
    const { filter: currentFilter, pageSize: size } = latest.current;
    latest.current.state.setData((page) => (page ? applyAgent(page, agent, created, currentFilter, size) : page));
  }, [latest]);

  useSubscription<{ agentStatusChanged: { previousStatus: AgentStatus | null; agent: AgentCore } }>({
    query: AGENT_STATUS_CHANGED,
    enabled: state.data !== undefined,
    onData: ({ agentStatusChanged }) => apply(agentStatusChanged.agent, agentStatusChanged.previousStatus === null),
  });

  // Rows whose figures or settings changed, re-read a chunk at a time by one loop at most.
  const stale = useRef(new Set<string>());
  const draining = useRef(false);
  const drain = useCallback(async () => {
    if (draining.current) return;
    draining.current = true;
    try {
      while (stale.current.size > 0) {
        const chunk = [...stale.current].slice(0, REFRESH_CHUNK);
        for (const id of chunk) stale.current.delete(id);
        const variables = Object.fromEntries(chunk.map((id, index) => [`a${index}`, id]));
        const data = await http.request<Record<string, AgentRow | null>>(agentRowsQuery(chunk.length), variables);
        latest.current.state.setData((page) => {
          if (!page) return page;
          let next = page;
          chunk.forEach((id, index) => {
            const row = data[`a${index}`];
            if (row) next = applyAgent(next, row, false, latest.current.filter, latest.current.pageSize);
            // Gone: the agent was deleted.
            else if (next.rows.some((each) => each.id === id)) next = { ...next, rows: next.rows.filter((each) => each.id !== id), totalCount: next.totalCount - 1 };
          });
          return next;
        });
      }
    } catch {
      // The next event or the next reconnect reads the rows again.
      stale.current.clear();
    } finally {
      draining.current = false;
    }
  }, [http, latest]);

  useEventFeed({
    kinds: ['AGENT_STATUS', 'TASK_STATUS', 'LOG'],
    flushMs: 1_000,
    onEvents: (events: LiveEvent[]) => {
      const page = latest.current.state.data;
      if (!page) return;
      const shown = new Set(page.rows.map((row) => row.id));
      let unseenAgent = false;
      for (const event of events) {
        if (event.agentId === null) continue;
        if (shown.has(event.agentId)) stale.current.add(event.agentId);
        else if (event.kind === 'AGENT_STATUS' && event.status === 'CREATED') unseenAgent = true;
      }
      // An agent created while the socket was down (live ones arrive through agentStatusChanged first): only the last page shows new agents.
      if (unseenAgent && !page.hasNext) latest.current.state.reload();
      void drain();
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
      if (data.hasNext && data.endCursor) setPages({ key: pagesKey, starts: [...starts, data.endCursor] });
    },
    previous: () => {
      if (starts.length > 1) setPages({ key: pagesKey, starts: starts.slice(0, -1) });
    },
    reload: state.reload,
    apply,
  };
}
