import { startTestServer } from '../support/test-server';
import { wsClient } from '../support/ws-client';
import { subscribe } from '../support/live';
it('times', async () => {
  let t = Date.now();
  const server = await startTestServer();
  console.log('start', Date.now() - t); t = Date.now();
  const client = wsClient(server.wsUrl, server.adminKey);
  const sub = subscribe(client, 'subscription { events { cursor } }');
  await new Promise((r) => setTimeout(r, 200));
  sub.unsubscribe();
  await client.dispose();
  console.log('client', Date.now() - t); t = Date.now();
  await server.api.close();
  console.log('api.close', Date.now() - t); t = Date.now();
  await server.close();
  console.log('close', Date.now() - t);
});
