import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from '../api/http-client';

export interface AsyncState<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  /** Runs the loader again; the previous data stays shown meanwhile. */
  reload(): void;
  /** Replaces the data locally (a live event applied to it). */
  setData(update: (previous: T | undefined) => T | undefined): void;
}

/**
 * Loads `load()` when mounted and whenever `deps` change; a reply to an older call is dropped,
 * so a slow response never overwrites a newer one.
 */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): AsyncState<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback(() => {
    const mine = ++generation.current;
    setLoading(true);
    loadRef.current().then(
      (value) => {
        if (mine !== generation.current) return;
        setDataState(value);
        setError(undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        if (mine !== generation.current) return;
        setError(errorText(failure));
        setLoading(false);
      },
    );
  }, []);

  useEffect(run, deps);
  useEffect(() => () => void (generation.current = -1), []);

  const setData = useCallback((update: (previous: T | undefined) => T | undefined) => setDataState(update), []);
  return { data, error, loading, reload: run, setData };
}
