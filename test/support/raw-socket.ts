import WebSocket from 'ws';

export interface AcknowledgedSocket {
  /** Resolves with the close code once the server (or we) closed the socket. */
  closed: Promise<number>;
  close(): void;
}

/** A raw graphql-transport-ws socket, acknowledged with this key and then left open (no operation running). */
export function acknowledgedSocket(wsUrl: string, key: string): Promise<AcknowledgedSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
    const closed = new Promise<number>((resolveClose) => socket.on('close', (code) => resolveClose(code)));
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${key}` } })));
    socket.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as { type: string };
      if (message.type === 'connection_ack') resolve({ closed, close: () => socket.close(1000) });
      if (message.type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
    });
    void closed.then((code) => reject(new Error(`closed with ${code} before connection_ack`)));
    socket.on('error', reject);
  });
}
