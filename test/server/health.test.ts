import { redisUrlOrReason } from '../support/redis-available';
import { startTestServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';

const redis = redisUrlOrReason();
/** Redis-only tests: skipped with the reason in their title when REDIS_URL is unset. */
const describeWithRedis = 'url' in redis ? describe : describe.skip;
const redisTitle = 'url' in redis ? 'with REDIS_URL configured' : `with REDIS_URL configured (skipped: ${redis.reason})`;

async function getJson(url: string): Promise<{ status: number; body: any }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}

describe('health, readiness and metrics without Redis', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers /healthz with 200 and no key', async () => {
    expect(await getJson(`${server.url}/healthz`)).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('answers /readyz with 200 when PostgreSQL answers, checking only PostgreSQL', async () => {
    const { status, body } = await getJson(`${server.url}/readyz`);
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ready', ready: true, checks: { postgres: 'ok' } });
  });

  it('serves Prometheus text with velocity_ metrics on /metrics', async () => {
    // One GraphQL request first, so the request histogram has a sample.
    await server.admin.data(`{ me { name } }`);
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toMatch(/^# HELP velocity_\w+ /m);
    expect(text).toMatch(/^# TYPE velocity_http_request_duration_seconds histogram$/m);
    expect(text).toMatch(/^velocity_http_request_duration_seconds_count\{route="graphql",status="200"\} [1-9]\d*$/m);
    expect(text).toMatch(/^velocity_process_\w+ /m);
    // Every sample line is `name{labels} value`: the format scrapers parse.
    for (const line of text.split('\n').filter((l) => l !== '' && !l.startsWith('#'))) {
      expect(line).toMatch(/^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})? (-?[0-9.e+-]+|NaN|[+-]Inf)$/);
    }
  });

  it('answers 404 for an unknown path and / with the dashboard, or how to build it when it is not built', async () => {
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    const root = await fetch(`${server.url}/`, { redirect: 'manual' });
    const text = await root.text();
    if (root.status === 200) {
      expect(root.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(text).toContain('/dashboard/dashboard.js');
    } else {
      expect(root.status).toBe(503);
      expect(text).toMatch(/npm run build/);
    }
  });
});

describe('readiness when the configured Redis does not answer', () => {
  let server: TestServer;
  beforeAll(async () => {
    // Nothing listens on port 1: Redis is configured but down.
    server = await startTestServer({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers /readyz with 503 naming redis, while /healthz stays 200 and GraphQL keeps working', async () => {
    const { status, body } = await getJson(`${server.url}/readyz`);
    expect(status).toBe(503);
    expect(body.ready).toBe(false);
    expect(body.status).toBe('not ready');
    expect(body.checks.postgres).toBe('ok');
    expect(body.checks.redis).toMatch(/^unavailable: /);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(await server.admin.data(`{ me { name } }`)).toEqual({ me: { name: 'admin' } });
  });
});

describeWithRedis(redisTitle, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ redis: true });
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers /readyz with 200 when PostgreSQL and Redis answer', async () => {
    // The Redis client connects in the background: readiness turns 200 once it has.
    const { status, body } = await waitFor(async () => {
      const answer = await getJson(`${server.url}/readyz`);
      return answer.status === 200 ? answer : undefined;
    }, '/readyz to answer 200', 10_000);
    expect(status).toBe(200);
    expect(body.checks).toEqual({ postgres: 'ok', redis: 'ok' });
  });
});
