import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { eventually, produceLogEvents, relayCaughtUp, subscribe, waitForListeners } from '../support/live';
import { startTestServer, type TestServer } from '../support/test-server';
import { wsClient } from '../support/ws-client';

const EVENTS = `subscription ($after: String) { events(after: $after) { cursor data } }`;
const BUFFER = 200;

interface Message {
  id?: string;
  type: string;
  payload?: any;
}

/** A graphql-transport-ws socket that subscribes, then can stop reading from the network altogether. */
async function rawSubscriber(wsUrl: string, key: string, query: string) {
  const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
  const messages: Message[] = [];
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${key}` } })));
    socket.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as Message;
      messages.push(message);
      if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: 'slow', type: 'subscribe', payload: { query } }));
        resolve();
      }
    });
    socket.on('error', reject);
  });
  const tcp = (socket as unknown as { _socket: Socket })._socket;
  return { messages, closed, pause: () => tcp.pause(), resume: () => tcp.resume() };
}

describe('a subscriber that does not keep up', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { SUBSCRIPTION_BUFFER_EVENTS: String(BUFFER) } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('is told SLOW_CONSUMER and closed with 4008 while others keep receiving, and resumes with its last cursor', async () => {
    const { services } = server.api;
    await relayCaughtUp(services);
    const base = services.bus.listenerCount;
    const fastClient = wsClient(server.wsUrl, server.adminKey);
    const fast = subscribe<{ cursor: string }>(fastClient, EVENTS);
    const slow = await rawSubscriber(server.wsUrl, server.adminKey, EVENTS);
    await waitForListeners(services, base + 2);
    slow.pause();

    // 4 KB events, a few to a transaction: far more than the socket's buffers and the subscription's 200 can hold.
    // It reads again as soon as it was closed (graphql-ws would end a socket that misses pongs for long).
    const production = produceLogEvents(services.changes, 5_000, 20, 'flood', 4_000);
    await eventually(() => server.logs.some((line) => line.includes('closed a WebSocket whose subscriber fell behind')), 90_000, 'the slow socket to be closed');
    slow.resume();
    expect(await slow.closed).toBe(4008);
    const produced = await production;
    const received = await fast.waitFor(produced.length, 90_000);
    expect(received.map((event) => event.cursor)).toEqual(produced);
    expect(fast.failure).toBeUndefined();

    const next = slow.messages.filter((message) => message.type === 'next').map((message) => message.payload.data.events.cursor as string);
    const errors = slow.messages.filter((message) => message.type === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.payload[0].extensions.code).toBe('SLOW_CONSUMER');
    expect(slow.messages.at(-1)!.type).toBe('error');
    // What it got is a gapless prefix; it was closed well before the end.
    expect(next.length).toBeLessThan(produced.length - BUFFER);
    expect(next).toEqual(produced.slice(0, next.length));

    const resumedClient = wsClient(server.wsUrl, server.adminKey);
    const resumed = subscribe<{ cursor: string }>(resumedClient, EVENTS, { after: next.at(-1) ?? produced[0] });
    const rest = await resumed.waitFor(produced.length - next.length, 90_000);
    expect(rest.map((event) => event.cursor)).toEqual(produced.slice(next.length));
    fast.unsubscribe();
    resumed.unsubscribe();
    await Promise.all([fastClient.dispose(), resumedClient.dispose()]);
    // 5,000 events of 4 KB: generous on a loaded 2-core machine.
  }, 240_000);
});
