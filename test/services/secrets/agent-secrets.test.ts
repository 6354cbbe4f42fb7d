import { SecretBox } from '../../../src/services/secrets/secret-box';
import { sql } from '../../support/test-database';
import { startTestServer, type TestServer } from '../../support/test-server';

const SECRETS_KEY = Buffer.alloc(32, 7).toString('base64');
const SECRET = 'AgentSecretAccessKey/ShouldNeverBeStoredPlain1';
const TOKEN = 'AgentSessionTokenShouldNeverBeStoredPlain2';
const CONFIG = { region: 'us-east-1', accessKeyId: 'AKIAVELOCITYSECRET01', secretAccessKey: SECRET, sessionToken: TOKEN, endpoint: 'http://127.0.0.1:9/' };

const CREATE = `mutation ($input: CreateAgentInput!) { createAgent(input: $input) { id config } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateAgentInput!) { updateAgent(id: $id, input: $input) { config } }`;

async function storedConfig(server: TestServer, id: string): Promise<Record<string, unknown>> {
  const rows = await sql<{ config: Record<string, unknown> }>(server.db.url, 'SELECT config FROM agent_instances WHERE id = $1', [id]);
  return rows[0]!.config;
}

describe('agent secrets at rest', () => {
  let server: TestServer;
  const box = new SecretBox(Buffer.from(SECRETS_KEY, 'base64'));
  beforeAll(async () => {
    server = await startTestServer({ env: { SECRETS_KEY } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('stores each secret as an AES-256-GCM envelope bound to the agent, and GraphQL shows "********"', async () => {
    const { createAgent } = await server.admin.data<{ createAgent: { id: string; config: Record<string, unknown> } }>(CREATE, { input: { name: 'sealed', type: 'aws-guardduty', config: CONFIG } });
    expect(createAgent.config).toEqual({ ...CONFIG, secretAccessKey: '********', sessionToken: '********' });
    const rows = await sql<{ text: string }>(server.db.url, 'SELECT config::text AS text FROM agent_instances WHERE id = $1', [createAgent.id]);
    expect(rows[0]!.text).not.toContain(SECRET);
    expect(rows[0]!.text).not.toContain(TOKEN);
    const stored = await storedConfig(server, createAgent.id);
    expect(stored['region']).toBe('us-east-1');
    const [version, keyId, iv, tag, ciphertext] = (stored['secretAccessKey'] as { $enc: string }).$enc.split(':');
    expect(version).toBe('v1');
    expect(keyId).toBe(box.currentKeyId);
    expect(Buffer.from(iv!, 'base64')).toHaveLength(12);
    expect(Buffer.from(tag!, 'base64')).toHaveLength(16);
    expect(ciphertext!.length).toBeGreaterThan(0);
    expect(box.decrypt(createAgent.id, stored['secretAccessKey'] as { $enc: string })).toBe(SECRET);
    // The agent id is the associated data: the same envelope under another agent does not open.
    expect(() => box.decrypt('00000000-0000-4000-8000-000000000000', stored['secretAccessKey'] as { $enc: string })).toThrow();
    const { agent } = await server.admin.data<{ agent: { config: Record<string, unknown> } }>(`query ($id: ID!) { agent(id: $id) { config } }`, { id: createAgent.id });
    expect(agent.config['secretAccessKey']).toBe('********');
  });

  it('keeps a stored secret when an update sends "********", and replaces it when an update sends a value', async () => {
    const { createAgent } = await server.admin.data<{ createAgent: { id: string } }>(CREATE, { input: { name: 'kept', type: 'aws-guardduty', config: CONFIG } });
    const masked = { ...CONFIG, region: 'eu-west-1', secretAccessKey: '********', sessionToken: '********' };
    const { updateAgent } = await server.admin.data<{ updateAgent: { config: Record<string, unknown> } }>(UPDATE, { id: createAgent.id, input: { config: masked } });
    expect(updateAgent.config).toEqual(masked);
    let stored = await storedConfig(server, createAgent.id);
    expect(stored['region']).toBe('eu-west-1');
    expect(box.decrypt(createAgent.id, stored['secretAccessKey'] as { $enc: string })).toBe(SECRET);
    expect(box.decrypt(createAgent.id, stored['sessionToken'] as { $enc: string })).toBe(TOKEN);
    await server.admin.data(UPDATE, { id: createAgent.id, input: { config: { ...masked, secretAccessKey: 'a-brand-new-secret-value' } } });
    stored = await storedConfig(server, createAgent.id);
    expect(box.decrypt(createAgent.id, stored['secretAccessKey'] as { $enc: string })).toBe('a-brand-new-secret-value');
  });

  it('puts no secret in events, audit lines or the server log', async () => {
    const rows = await sql<{ text: string }>(
      server.db.url,
      `SELECT (SELECT coalesce(string_agg(data::text, ''), '') FROM events) || (SELECT coalesce(string_agg(message || coalesce(metadata::text, ''), ''), '') FROM agent_logs) AS text`,
    );
    for (const secret of [SECRET, TOKEN, 'a-brand-new-secret-value']) {
      expect(rows[0]!.text).not.toContain(secret);
      expect(server.logs.join('')).not.toContain(secret);
    }
  });
});
