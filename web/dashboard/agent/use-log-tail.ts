import { useState } from 'react';
import { AGENT_LOG_ADDED, AGENT_LOGS } from '../api/task-queries';
import type { LogLine } from '../api/types';
import { useAsync } from '../hooks/use-async';
import { useSubscription } from '../hooks/use-subscription';
import { useSession } from '../session/session-context';

/** Lines kept in memory; older ones fall off the top. */
export const MAX_LINES = 500;
/** Lines read when the tail opens or catches up after a reconnect. */
const BACKFILL = 100;

const byTime = (a: LogLine, b: LogLine): number =>
  a.timestamp === b.timestamp ? a.id.length - b.id.length || a.id.localeCompare(b.id) : a.timestamp.localeCompare(b.timestamp);

/** Merges lines by id, oldest first, keeping the newest MAX_LINES. */
function merge(current: LogLine[], incoming: LogLine[]): LogLine[] {
  const known = new Set(current.map((line) => line.id));
  const added = incoming.filter((line) => !known.has(line.id));
  if (added.length === 0) return current;
  const lastTime = current.at(-1)?.timestamp ?? '';
  // The common case, a new line at the end, needs no sort.
  const merged = added.length === 1 && added[0]!.timestamp >= lastTime ? [...current, added[0]!] : [...current, ...added].sort(byTime);
  return merged.length > MAX_LINES ? merged.slice(merged.length - MAX_LINES) : merged;
}

/**
 * The agent's log, newest at the bottom: the last lines read once (and again after a
 * reconnect, merged by id so nothing shows twice), then every line from agentLogAdded.
 */
export function useLogTail(agentId: string, resync: number): { lines: LogLine[]; error: string | undefined } {
  const { http } = useSession();
  const [lines, setLines] = useState<LogLine[]>([]);
  const [liveError, setLiveError] = useState<string | undefined>();
  const backfill = useAsync(async () => {
    const { agent } = await http.request<{ agent: { logs: { edges: { node: LogLine }[] } } | null }>(AGENT_LOGS, { id: agentId, first: BACKFILL });
    const recent = (agent?.logs.edges ?? []).map((edge) => edge.node).reverse();
    setLines((current) => merge(current, recent));
    return recent.length;
  }, [http, agentId, resync]);
  useSubscription<{ agentLogAdded: LogLine }>({
    query: AGENT_LOG_ADDED,
    variables: { agentId },
    onData: ({ agentLogAdded }) => setLines((current) => merge(current, [agentLogAdded])),
    onError: (message) => setLiveError(message),
  });
  return { lines, error: backfill.error ?? liveError };
}
