import { createClient, type Client, type ExecutionResult } from 'graphql-ws';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

export interface LiveSink<T> {
  next(data: T): void;
  /** The subscription ended with an error: GraphQL errors, or a fatal close. */
  error?(message: string, code: string | undefined): void;
}

/** Wait before reconnect attempt `retries` (0-based), in ms: 0.5 s doubling up to 10 s, plus up to 0.5 s of jitter. */
export function backoffMs(retries: number): number {
  return Math.min(500 * 2 ** retries, 10_000) + Math.floor(Math.random() * 500);
}

/** Client ping interval, in ms; a pong missing for PONG_TIMEOUT_MS means the socket is dead. */
const KEEP_ALIVE_MS = 10_000;
const PONG_TIMEOUT_MS = 5_000;

function describe(error: unknown): { message: string; code: string | undefined } {
  if (Array.isArray(error)) {
    const errors = error as { message?: string; extensions?: { code?: string } }[];
    return { message: errors.map((e) => e.message ?? 'error').join('; '), code: errors[0]?.extensions?.code };
  }
  if (typeof error === 'object' && error !== null && 'code' in error && 'reason' in error) {
    const close = error as { code: number; reason: string };
    return { message: `connection closed (${close.code}${close.reason ? `: ${close.reason}` : ''})`, code: `CLOSE_${close.code}` };
  }
  return { message: error instanceof Error ? error.message : String(error), code: undefined };
}

/**
 * The page's one graphql-ws connection (same host, path /graphql, key in connection_init).
 * It connects eagerly and retries forever with a backoff; listeners learn the state for the
 * banner, and `onReconnect` listeners run after every reconnect so views can catch up.
 */
export class LiveClient {
  private readonly client: Client;
  private state: ConnectionState = 'connecting';
  private everConnected = false;
  private readonly stateListeners = new Set<() => void>();
  private readonly reconnectListeners = new Set<() => void>();

  constructor(url: string, key: string) {
    let socket: WebSocket | undefined;
    let pongTimer: ReturnType<typeof setTimeout> | undefined;
    this.client = createClient({
      url,
      lazy: false,
      retryAttempts: Infinity,
      // Every drop is retried: a server restart, a proxy timeout, a slow-consumer close (4008).
      shouldRetry: () => true,
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, backoffMs(retries))),
      connectionParams: { authorization: `Bearer ${key}` },
      keepAlive: KEEP_ALIVE_MS,
      onNonLazyError: () => undefined,
      on: {
        connected: (connected) => {
          socket = connected as WebSocket;
          const reconnected = this.everConnected;
          this.everConnected = true;
          this.setState('connected');
          if (reconnected) for (const listener of [...this.reconnectListeners]) listener();
        },
        closed: () => {
          clearTimeout(pongTimer);
          socket = undefined;
          this.setState(this.everConnected ? 'reconnecting' : 'connecting');
        },
        // A socket can die without a close (a laptop sleeping, a NAT dropping it): no pong in time closes it, and the retry begins.
        ping: (received) => {
          if (received) return;
          pongTimer = setTimeout(() => {
            if (socket?.readyState === WebSocket.OPEN) socket.close(4408, 'pong timeout');
          }, PONG_TIMEOUT_MS);
        },
        pong: (received) => {
          if (received) clearTimeout(pongTimer);
        },
      },
    });
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  /** For useSyncExternalStore: returns the unsubscribe function. */
  onStateChange(listener: () => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  /**
   * Starts a subscription; returns its disposer. graphql-ws re-sends the same payload object
   * after every reconnect, serialising it then: `variables` is read through a getter so a
   * resumed subscription carries the values of that moment (e.g. the last event cursor seen).
   */
  subscribe<T>(query: string, variables: () => Record<string, unknown>, sink: LiveSink<T>): () => void {
    const payload = {
      query,
      get variables(): Record<string, unknown> {
        return variables();
      },
    };
    return this.client.subscribe<T>(payload, {
      next: (result: ExecutionResult<T>) => {
        if (result.errors && result.errors.length > 0) {
          const { message, code } = describe(result.errors);
          sink.error?.(message, code);
        }
        if (result.data) sink.next(result.data);
      },
      error: (error: unknown) => {
        const { message, code } = describe(error);
        sink.error?.(message, code);
      },
      complete: () => undefined,
    });
  }

  dispose(): void {
    this.reconnectListeners.clear();
    this.stateListeners.clear();
    void this.client.dispose();
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of [...this.stateListeners]) listener();
  }
}
