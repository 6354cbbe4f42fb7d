import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretBox, isEnvelope } from '../../../src/services/secrets/secret-box';
import { createTestDatabase, sql, type TestDatabase } from '../../support/test-database';
import { startTestServer } from '../../support/test-server';

const KEY_A = Buffer.alloc(32, 1).toString('base64');
const KEY_B = Buffer.alloc(32, 2).toString('base64');
const KEY_C = Buffer.alloc(32, 3).toString('base64');
const SECRETS = ['first-secret-value-1', 'first-session-token-1', 'second-secret-value-2', 'deleted-agent-secret-3'];

const CREATE = `mutation ($input: CreateAgentInput!) { createAgent(input: $input) { id } }`;

async function envelopes(db: TestDatabase): Promise<{ agentId: string; field: string; envelope: { $enc: string } }[]> {
  const rows = await sql<{ id: string; config: Record<string, unknown> }>(db.url, 'SELECT id, config FROM agent_instances ORDER BY created_at');
  return rows.flatMap((row) =>
    Object.entries(row.config)
      .filter(([, value]) => isEnvelope(value))
      .map(([field, value]) => ({ agentId: row.id, field, envelope: value as { $enc: string } })),
  );
}

describe('secrets rotation', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    const server = await startTestServer({ db, env: { SECRETS_KEY: KEY_A } });
    try {
      const config = (secretAccessKey: string) => ({ region: 'us-east-1', accessKeyId: 'AKIAVELOCITYROTATE01', secretAccessKey });
      await server.admin.data(CREATE, { input: { name: 'one', type: 'aws-guardduty', config: { ...config(SECRETS[0]!), sessionToken: SECRETS[1] } } });
      await server.admin.data(CREATE, { input: { name: 'two', type: 'aws-guardduty', config: config(SECRETS[2]!) } });
      const deleted = await server.admin.data<{ createAgent: { id: string } }>(CREATE, { input: { name: 'gone', type: 'aws-guardduty', config: config(SECRETS[3]!) } });
      await server.admin.data(`mutation ($id: ID!) { deleteAgent(id: $id) }`, { id: deleted.createAgent.id });
      await server.admin.data(CREATE, { input: { name: 'plain', type: 'health-check', config: {} } });
    } finally {
      await server.close();
    }
  });
  afterAll(async () => {
    await db.drop();
  });

  it('re-encrypts every secret under the new key, after which the previous key can be dropped', async () => {
    const newOnly = new SecretBox(Buffer.from(KEY_B, 'base64'));
    const before = await envelopes(db);
    expect(before).toHaveLength(4);
    // Without the previous key nothing opens yet.
    expect(() => newOnly.decrypt(before[0]!.agentId, before[0]!.envelope)).toThrow(/neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS/);

    const server = await startTestServer({ db, env: { SECRETS_KEY: KEY_B, SECRETS_KEY_PREVIOUS: KEY_A } });
    try {
      const report = await server.api.services.secretRotation.rotate({ name: 'system', correlationId: 'rotation-test' });
      expect(report).toEqual({ agents: 4, rotatedAgents: 3, rotatedValues: 4, currentValues: 0, failures: [], keyId: newOnly.currentKeyId });
      const again = await server.api.services.secretRotation.rotate({ name: 'system', correlationId: 'rotation-test-2' });
      expect(again).toMatchObject({ agents: 4, rotatedAgents: 0, rotatedValues: 0, currentValues: 4, failures: [] });
    } finally {
      await server.close();
    }

    const after = await envelopes(db);
    expect(after.map((entry) => entry.envelope.$enc.split(':')[1])).toEqual([newOnly.currentKeyId, newOnly.currentKeyId, newOnly.currentKeyId, newOnly.currentKeyId]);
    expect(after.map((entry) => newOnly.decrypt(entry.agentId, entry.envelope)).sort()).toEqual([...SECRETS].sort());

    const logs = await sql<{ agent_id: string; message: string; metadata: unknown; kind: string }>(
      db.url,
      `SELECT l.agent_id, l.message, l.metadata, e.kind FROM agent_logs l JOIN events e ON (e.data->'log'->>'id')::bigint = l.id WHERE l.correlation_id = 'rotation-test'`,
    );
    expect(logs).toHaveLength(3);
    expect(logs.every((line) => line.kind === 'LOG' && /^secrets of agent ".+" re-encrypted under key [0-9a-f]{12}/.test(line.message))).toBe(true);
    const everything = await sql<{ text: string }>(db.url, `SELECT (SELECT string_agg(data::text, '') FROM events) || (SELECT string_agg(message || coalesce(metadata::text, ''), '') FROM agent_logs) AS text`);
    for (const secret of SECRETS) expect(everything[0]!.text).not.toContain(secret);
  });

  it('runs as `npm run secrets:rotate` (dist/src/secrets-rotate-main.js), printing counts', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'velocity-rotate-'));
    try {
      const env = { ...process.env, DATABASE_URL: db.url, DATA_DIR: dataDir, LOG_LEVEL: 'warn', SECRETS_KEY: KEY_C, SECRETS_KEY_PREVIOUS: KEY_B };
      const run = spawnSync(process.execPath, ['dist/src/secrets-rotate-main.js'], { env, encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('4 agent(s) checked, 4 secret(s) of 3 agent(s) re-encrypted');
      expect(run.stdout).toContain('SECRETS_KEY_PREVIOUS can be removed');
      for (const secret of SECRETS) expect(run.stdout).not.toContain(secret);
      // A key that can read nothing: the command reports the failures and exits 1.
      const stranger = spawnSync(process.execPath, ['dist/src/secrets-rotate-main.js'], { env: { ...env, SECRETS_KEY: KEY_A, SECRETS_KEY_PREVIOUS: KEY_B }, encoding: 'utf8' });
      expect(stranger.status).toBe(1);
      expect(stranger.stdout).toContain('3 failure(s)');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
