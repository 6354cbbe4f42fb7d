import { errorCode } from '../support/graphql-client';
import { startTestServer, type TestServer } from '../support/test-server';
import { wsClient, wsExecute } from '../support/ws-client';

const CREATE = `mutation ($name: String!) { createAgent(input: { name: $name, type: "health-check", config: {} }) { id } }`;

describe('per-key mutation rate limit', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { MUTATION_RATE_PER_SECOND: '1', MUTATION_RATE_BURST: '3' } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses mutations past the burst with RATE_LIMITED and HTTP 429, and changes nothing', async () => {
    for (const name of ['r1', 'r2', 'r3']) expect(errorCode(await server.admin.request(CREATE, { name }))).toBeUndefined();
    const refused = await server.admin.request(CREATE, { name: 'r4' });
    expect(refused.status).toBe(429);
    expect(errorCode(refused)).toBe('RATE_LIMITED');
    expect(refused.errors![0]!.extensions!['retryAfterMs']).toBeGreaterThan(0);
    const { agents } = await server.admin.data<{ agents: { totalCount: number } }>(`{ agents { totalCount } }`);
    expect(agents.totalCount).toBe(3);
    // Queries are not limited.
    expect(errorCode(await server.admin.request(`{ me { name } }`))).toBeUndefined();
  });

  it('applies the same limit to mutations over WebSocket', async () => {
    const client = wsClient(server.wsUrl, server.adminKey);
    try {
      const result = await wsExecute(client, CREATE, { name: 'over-ws' });
      expect(result.errors?.[0]?.extensions?.['code']).toBe('RATE_LIMITED');
    } finally {
      await client.dispose();
    }
  });
});
