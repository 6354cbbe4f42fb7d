import { isPermanentFailure } from '../../agents/agent-type';

/** How one attempt ended, as the executor records it. */
export type AttemptOutcome =
  | { kind: 'succeeded'; result: unknown }
  /** `retryable` false: the handler said no retry can help. */
  | { kind: 'failed'; error: string; retryable: boolean }
  | { kind: 'timed-out'; error: string }
  | { kind: 'cancelled' }
  /** The worker is shutting down: the task goes back to the queue, not counted as a failure. */
  | { kind: 'handed-back' };

/** Reasons the executor aborts a handler's signal with. */
export class TaskAbort extends Error {
  constructor(readonly reason: 'timeout' | 'cancel' | 'shutdown', message: string) {
    super(message);
    this.name = 'TaskAbort';
  }
}

/** How a handler's throw ends the attempt: our own aborts by their reason, anything else a failure (retryable unless permanent). */
export function outcomeOf(error: unknown): AttemptOutcome {
  if (error instanceof TaskAbort) {
    switch (error.reason) {
      case 'timeout':
        return { kind: 'timed-out', error: error.message };
      case 'cancel':
        return { kind: 'cancelled' };
      case 'shutdown':
        return { kind: 'handed-back' };
    }
  }
  const message = error instanceof Error ? `${error.name === 'Error' || error.name === 'PermanentTaskError' ? '' : `${error.name}: `}${error.message}` : String(error);
  return { kind: 'failed', error: message.slice(0, 4000), retryable: !isPermanentFailure(error) };
}

/** Delay before attempt `attempt + 1`, in ms: base × 2^(attempt-1), at most 60 s. */
export function retryDelayMs(baseMs: number, attempt: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 60_000);
}

/** Resolves or rejects with the handler, or rejects as soon as the signal aborts (the handler was told to stop). */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** A task result must be storable JSON; anything else is turned into a clear failure. */
export function jsonResult(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}
