import { useSyncExternalStore } from 'react';
import type { ConnectionState } from '../api/live-client';
import { useSession } from '../session/session-context';

/** The live connection's state, re-rendering on every change. */
export function useConnectionState(): ConnectionState {
  const { live } = useSession();
  return useSyncExternalStore(
    (listener) => live.onStateChange(listener),
    () => live.connectionState,
  );
}
