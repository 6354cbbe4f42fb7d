import { createClient, type Client, type ExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

/** A graphql-ws client authenticated in connection_init, as a dashboard would connect. */
export function wsClient(wsUrl: string, key: string | null, options: { retry?: boolean } = {}): Client {
  return createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: key === null ? {} : { authorization: `Bearer ${key}` },
    retryAttempts: options.retry ? 5 : 0,
    lazy: true,
    shouldRetry: () => options.retry === true,
  });
}

/** Runs one query or mutation over the socket and resolves with its single result. */
export function wsExecute<T = Record<string, any>>(client: Client, query: string, variables?: Record<string, unknown>): Promise<ExecutionResult<T>> {
  return new Promise((resolve, reject) => {
    let result: ExecutionResult<T> | undefined;
    client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          result = value as ExecutionResult<T>;
        },
        error: (error: unknown) => {
          if (Array.isArray(error)) resolve({ errors: error } as ExecutionResult<T>);
          else reject(error instanceof Error ? error : new Error(JSON.stringify(error, Object.getOwnPropertyNames(error ?? {}))));
        },
        complete: () => resolve(result ?? ({} as ExecutionResult<T>)),
      },
    );
  });
}

/** Opens a raw socket, sends connection_init with this payload, and resolves with the close code (or 0 if acked). */
export function connectionInitOutcome(wsUrl: string, payload: Record<string, unknown> | undefined): Promise<{ acked: boolean; closeCode: number | null }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', ...(payload === undefined ? {} : { payload }) })));
    socket.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as { type: string };
      if (message.type === 'connection_ack') {
        socket.close(1000);
        resolve({ acked: true, closeCode: null });
      }
    });
    socket.on('close', (code) => resolve({ acked: false, closeCode: code }));
    socket.on('error', reject);
  });
}
