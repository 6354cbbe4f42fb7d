import { useEffect } from 'react';
import { useSession } from '../session/session-context';
import { useLatest } from './use-latest';

export interface SubscriptionOptions<T> {
  query: string;
  variables?: Record<string, unknown>;
  onData(data: T): void;
  onError?(message: string, code: string | undefined): void;
  /** False: not subscribed (e.g. until the first page is loaded). Default true. */
  enabled?: boolean;
}

/**
 * A graphql-ws subscription for as long as the component is mounted, resubscribed when the
 * variables change. Callbacks may change every render without resubscribing.
 */
export function useSubscription<T>(options: SubscriptionOptions<T>): void {
  const { live } = useSession();
  const latest = useLatest(options);
  const variablesKey = JSON.stringify(options.variables ?? {});
  const enabled = options.enabled ?? true;
  useEffect(() => {
    if (!enabled) return undefined;
    const variables = JSON.parse(variablesKey) as Record<string, unknown>;
    return live.subscribe<T>(options.query, () => variables, {
      next: (data) => latest.current.onData(data),
      error: (message, code) => latest.current.onError?.(message, code),
    });
  }, [live, options.query, variablesKey, enabled, latest]);
}
