import WebSocket from 'ws';

export interface RawResult {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** A graphql-transport-ws socket driven by hand, for requests no client library would send. */
export interface RawGraphQLSocket {
  /**
   * Runs one operation; `variablesJson` is sent as it is (JSON text), so variables of any
   * depth or shape reach the server. Resolves with the operation's result (its `next`, or
   * the `error` payload); rejects if the socket closes first.
   */
  execute(query: string, variablesJson?: string): Promise<RawResult>;
  /** The close code once the socket closed, else null. */
  closeCode(): number | null;
  close(): Promise<void>;
}

/** Opens a socket and acknowledges it with this key (connection_init); rejects on a close before the ack. */
export function rawGraphQLSocket(wsUrl: string, key: string): Promise<RawGraphQLSocket> {
  return new Promise((resolveOpen, rejectOpen) => {
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws', { maxPayload: 64 * 1024 * 1024 });
    const pending = new Map<string, { result: RawResult; resolve: (result: RawResult) => void; reject: (error: Error) => void }>();
    let closeCode: number | null = null;
    let next = 0;
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const handle: RawGraphQLSocket = {
      execute(query, variablesJson = '{}') {
        const id = String((next += 1));
        return new Promise((resolve, reject) => {
          if (closeCode !== null) return reject(new Error(`the socket is closed (${closeCode})`));
          pending.set(id, { result: {}, resolve, reject });
          socket.send(`{"id":"${id}","type":"subscribe","payload":{"query":${JSON.stringify(query)},"variables":${variablesJson}}}`);
        });
      },
      closeCode: () => closeCode,
      async close() {
        if (closeCode === null) socket.close(1000);
        await closed;
      },
    };
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${key}` } })));
    socket.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as { id?: string; type: string; payload?: unknown };
      const operation = message.id === undefined ? undefined : pending.get(message.id);
      switch (message.type) {
        case 'connection_ack':
          return resolveOpen(handle);
        case 'ping':
          return socket.send(JSON.stringify({ type: 'pong' }));
        case 'next':
          if (operation) operation.result = message.payload as RawResult;
          return;
        case 'error':
          pending.delete(message.id!);
          return operation?.resolve({ errors: message.payload as RawResult['errors'] });
        case 'complete':
          pending.delete(message.id!);
          return operation?.resolve(operation.result);
        default:
          return;
      }
    });
    socket.on('close', (code) => {
      closeCode = code;
      rejectOpen(new Error(`closed with ${code} before connection_ack`));
      for (const operation of pending.values()) operation.reject(new Error(`the socket closed with ${code} during the operation`));
      pending.clear();
    });
    socket.on('error', (error) => rejectOpen(error));
  });
}
