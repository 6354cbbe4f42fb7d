import { useEffect } from 'react';
import { useSession } from '../session/session-context';
import { useLatest } from './use-latest';

/** Runs `callback` after every reconnect of the live connection (not the first connect). */
export function useOnReconnect(callback: () => void): void {
  const { live } = useSession();
  const latest = useLatest(callback);
  useEffect(() => live.onReconnect(() => latest.current()), [live, latest]);
}
