import { useEffect, useRef, useState } from 'react';
import { EVENTS, EVENTS_WITH_DATA } from '../api/system-queries';
import type { EventKind, LiveEvent } from '../api/types';
import { useSession } from '../session/session-context';
import { useLatest } from './use-latest';
import { useOnReconnect } from './use-reconnect';

export interface EventFeedOptions {
  kinds: readonly EventKind[];
  agentId?: string;
  /** Select each event's `data` snapshot. Default false (lighter). */
  withData?: boolean;
  /** Events in commit order, batched: at most one call per `flushMs`. */
  onEvents(events: LiveEvent[]): void;
  /**
   * What the view shows may be stale and must be read again: after every reconnect (the
   * feed itself resumes after its last cursor, so nothing is missed from then on), and when
   * the server no longer holds that cursor (CURSOR_EXPIRED: the feed restarts from now).
   */
  onResync(): void;
  /** Batching window, in ms. Default 250. */
  flushMs?: number;
}

/**
 * The durable `events` subscription a view holds for what it shows. It keeps the last cursor
 * seen and, after a dropped connection, resumes with `events(after: <that cursor>)`, so the
 * changes made while the page was offline arrive too.
 */
export function useEventFeed(options: EventFeedOptions): void {
  const { live } = useSession();
  const latest = useLatest(options);
  const cursor = useRef<string | undefined>(undefined);
  const [restarts, setRestarts] = useState(0);
  const kindsKey = options.kinds.join(',');
  const { agentId, withData = false, flushMs = 250 } = options;

  useEffect(() => {
    const kinds = kindsKey.split(',');
    let pending: LiveEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = (): void => {
      timer = undefined;
      const batch = pending;
      pending = [];
      if (batch.length > 0) latest.current.onEvents(batch);
    };
    const dispose = live.subscribe<{ events: LiveEvent }>(
      withData ? EVENTS_WITH_DATA : EVENTS,
      () => ({ after: cursor.current ?? null, agentId: agentId ?? null, kinds }),
      {
        next: ({ events }) => {
          cursor.current = events.cursor;
          pending.push(events);
          timer ??= setTimeout(flush, flushMs);
        },
        error: (_message, code) => {
          if (code !== 'CURSOR_EXPIRED') return;
          cursor.current = undefined;
          latest.current.onResync();
          setRestarts((count) => count + 1);
        },
      },
    );
    return () => {
      dispose();
      clearTimeout(timer);
    };
  }, [live, kindsKey, agentId, withData, flushMs, restarts, latest]);

  // A new stream (other agent or kinds) starts from now, not from another stream's cursor.
  useEffect(() => () => void (cursor.current = undefined), [kindsKey, agentId]);

  useOnReconnect(() => latest.current.onResync());
}
