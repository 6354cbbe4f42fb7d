import { createHash, randomUUID } from 'node:crypto';
import { createKey, revokeKey } from '../support/api-keys';
import { errorCode } from '../support/graphql-client';
import { sql } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';
import { acknowledgedSocket } from '../support/raw-socket';
import { connectionInitOutcome, wsClient, wsExecute } from '../support/ws-client';

const CREATE = `mutation ($name: String!, $role: Role!) { createApiKey(name: $name, role: $role) { secret apiKey { id name role createdAt lastUsedAt revokedAt } } }`;
const REVOKE = `mutation ($id: ID!) { revokeApiKey(id: $id) { id name revokedAt } }`;

describe('API keys', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  async function counts(): Promise<string> {
    const rows = await sql<{ counts: string }>(
      server.db.url,
      `SELECT concat_ws('/', (SELECT count(*) FROM api_keys), (SELECT count(*) FROM agent_logs), (SELECT count(*) FROM events)) AS counts`,
    );
    return rows[0]!.counts;
  }

  it('shows a new secret once and stores only its hash and a short prefix', async () => {
    const response = await server.admin.data<{ createApiKey: { secret: string; apiKey: { id: string; name: string; role: string; revokedAt: null } } }>(CREATE, {
      name: 'ci-bot',
      role: 'OPERATOR',
    });
    const { secret, apiKey } = response.createApiKey;
    expect(secret).toMatch(/^vel_[A-Za-z0-9_-]{32}$/);
    expect(apiKey).toMatchObject({ name: 'ci-bot', role: 'OPERATOR', revokedAt: null });

    const rows = await sql<Record<string, unknown>>(server.db.url, 'SELECT * FROM api_keys WHERE id = $1', [apiKey.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!['hash']).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(rows[0]!['prefix']).toBe(secret.slice(0, 12));
    expect(JSON.stringify(rows[0])).not.toContain(secret);

    // The list never shows a secret.
    const listed = await server.admin.data<{ apiKeys: Record<string, unknown>[] }>(`{ apiKeys { id name role prefix createdAt lastUsedAt revokedAt } }`);
    expect(listed.apiKeys.map((key) => key['name'])).toEqual(['admin', 'ci-bot']);
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(listed.apiKeys[1]!['prefix']).toBe(secret.slice(0, 12));

    // The key works at once, with its role and name.
    expect(await server.as(secret).data(`{ me { name role } }`)).toEqual({ me: { name: 'ci-bot', role: 'OPERATOR' } });
  });

  it('records when a key was last used', async () => {
    const key = await createKey(server.admin, 'used-key', 'VIEWER');
    const before = await sql<{ last_used_at: Date | null }>(server.db.url, 'SELECT last_used_at FROM api_keys WHERE id = $1', [key.id]);
    expect(before[0]!.last_used_at).toBeNull();
    await server.as(key.secret).data(`{ me { name } }`);
    // Written off the request's path: poll until it lands (nothing to await).
    const deadline = Date.now() + 5_000;
    let lastUsed: Date | null = null;
    while (lastUsed === null && Date.now() < deadline) {
      lastUsed = (await sql<{ last_used_at: Date | null }>(server.db.url, 'SELECT last_used_at FROM api_keys WHERE id = $1', [key.id]))[0]!.last_used_at;
    }
    expect(lastUsed).not.toBeNull();
  });

  it.each([
    ['an empty name', { name: '', role: 'VIEWER' }, 'name'],
    ['a name with spaces inside', { name: 'two words', role: 'VIEWER' }, 'name'],
    ['a name too long', { name: 'k'.repeat(65), role: 'VIEWER' }, 'name'],
  ] as [string, Record<string, unknown>, string][])('refuses %s with BAD_USER_INPUT and writes nothing', async (_what, variables, path) => {
    const before = await counts();
    const response = await server.admin.request(CREATE, variables);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.extensions!['path']).toBe(path);
    expect(await counts()).toBe(before);
  });

  it('refuses an unknown role as a bad variable', async () => {
    const response = await server.admin.request(CREATE, { name: 'superuser', role: 'ROOT' });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
  });

  it('refuses a duplicate live name with CONFLICT, and allows it again once revoked', async () => {
    const first = await createKey(server.admin, 'dup-name', 'VIEWER');
    const before = await counts();
    expect(errorCode(await server.admin.request(CREATE, { name: 'dup-name', role: 'ADMIN' }))).toBe('CONFLICT');
    expect(await counts()).toBe(before);
    await revokeKey(server.admin, first.id);
    const second = await createKey(server.admin, 'dup-name', 'ADMIN');
    expect(second.id).not.toBe(first.id);
  });

  it('revokes a key: it stops working at once over HTTP, and its open sockets are closed with 4403', async () => {
    const key = await createKey(server.admin, 'to-revoke', 'VIEWER');
    expect(await server.as(key.secret).data(`{ me { name } }`)).toEqual({ me: { name: 'to-revoke' } });

    // Two live sockets of the key: one that ran an operation, one only acknowledged.
    const client = wsClient(server.wsUrl, key.secret);
    expect(await wsExecute(client, `{ me { name } }`)).toEqual({ data: { me: { name: 'to-revoke' } } });
    await client.dispose();
    const idle = await acknowledgedSocket(server.wsUrl, key.secret);

    const revoked = await server.admin.data<{ revokeApiKey: { id: string; revokedAt: string | null } }>(REVOKE, { id: key.id });
    expect(revoked.revokeApiKey.revokedAt).not.toBeNull();
    expect(errorCode(await server.as(key.secret).request(`{ me { name } }`))).toBe('UNAUTHENTICATED');
    expect(await idle.closed).toBe(4403);
    expect(await connectionInitOutcome(server.wsUrl, { authorization: `Bearer ${key.secret}` })).toEqual({ acked: false, closeCode: 4403 });
  });

  it.each([
    ['an unknown id', () => randomUUID(), 'NOT_FOUND'],
    ['a malformed id', () => 'key-1', 'BAD_USER_INPUT'],
  ] as [string, () => string, string][])('refuses to revoke %s (%s) and writes nothing', async (_what, id, code) => {
    const before = await counts();
    expect(errorCode(await server.admin.request(REVOKE, { id: id() }))).toBe(code);
    expect(await counts()).toBe(before);
  });

  it('refuses to revoke a key twice with CONFLICT', async () => {
    const key = await createKey(server.admin, 'twice', 'VIEWER');
    await revokeKey(server.admin, key.id);
    const before = await counts();
    expect(errorCode(await server.admin.request(REVOKE, { id: key.id }))).toBe('CONFLICT');
    expect(await counts()).toBe(before);
  });

  it('lists revoked keys with revokedAt', async () => {
    const listed = await server.admin.data<{ apiKeys: { name: string; revokedAt: string | null }[] }>(`{ apiKeys { name revokedAt } }`);
    const revoked = listed.apiKeys.filter((key) => key.name === 'twice');
    expect(revoked).toHaveLength(1);
    expect(revoked[0]!.revokedAt).not.toBeNull();
  });
});

describe('the admin key', () => {
  const FIRST = 'vel_first_admin_key_0123456789';
  const SECOND = 'vel_second_admin_key_0123456789';

  it('is replaced when ADMIN_API_KEY changes between boots: the old one stops working', async () => {
    const first = await startTestServer({ env: { ADMIN_API_KEY: FIRST } });
    const db = first.db;
    let second: TestServer | undefined;
    try {
      // (startTestServer's own admin client uses its generated key, which ADMIN_API_KEY overrides here.)
      expect(await first.as(FIRST).data(`{ me { name role } }`)).toEqual({ me: { name: 'admin', role: 'ADMIN' } });
      await first.api.close();
      second = await startTestServer({ db, env: { ADMIN_API_KEY: SECOND } });
      expect(await second.as(SECOND).data(`{ me { name role } }`)).toEqual({ me: { name: 'admin', role: 'ADMIN' } });
      expect(errorCode(await second.as(FIRST).request(`{ me { name } }`))).toBe('UNAUTHENTICATED');
      const live = await sql<{ count: number }>(db.url, `SELECT count(*)::int AS count FROM api_keys WHERE name = 'admin' AND revoked_at IS NULL`);
      expect(live[0]!.count).toBe(1);
    } finally {
      await second?.close();
      await first.close();
    }
  });
});
