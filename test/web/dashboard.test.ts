import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page, type WebSocketRoute } from 'playwright-core';
import type { Envelope } from '../../src/services/secrets/secret-box';
import { createKey, uniqueName } from '../support/api-keys';
import { distribute, runningAgent } from '../support/agents';
import { startTestServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';

// The dashboard in headless Debian Chromium, driven by playwright-core, against a real server
// with an in-process worker: every change is made through the API and must reach the page
// live, without a reload.

jest.setTimeout(180_000);

const ROOT = join(__dirname, '..', '..');
const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');
/** How long the page may take to show a change, in ms. */
const LIVE_MS = 15_000;

const CREATE_AGENT = `mutation ($input: CreateAgentInput!) { createAgent(input: $input) { id } }`;
const START_AGENT = `mutation ($id: ID!) { startAgent(id: $id) { status } }`;
const STOP_AGENT = `mutation ($id: ID!) { stopAgent(id: $id) { status } }`;

interface PageProblems {
  /** Uncaught exceptions in the page. */
  errors: string[];
  /** Console lines about the CSP refusing something. */
  csp: string[];
  /** Requests to any other origin than the server's. */
  external: string[];
}

describe('the live dashboard in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: PageProblems = { errors: [], csp: [], external: [] };

  beforeAll(async () => {
    // A no-op when dist/dashboard is newer than web/dashboard (npm test builds it first).
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-dashboard.mjs')], { stdio: 'inherit' });
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startTestServer({ env: { RUN_WORKER: 'true' } });
    browser = await chromium.launch({
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  afterEach(() => {
    expect(problems).toEqual({ errors: [], csp: [], external: [] });
  });

  /** A fresh tab (own session storage), watched for page errors, CSP refusals and requests elsewhere. */
  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    const origin = new URL(server.url).origin;
    page.on('pageerror', (error) => problems.errors.push(error.message));
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) problems.csp.push(message.text());
    });
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.protocol !== 'data:' && url.origin !== origin && url.origin !== origin.replace(/^http/, 'ws')) problems.external.push(request.url());
    });
    return page;
  }

  /** Opens the dashboard and signs in with `key`; marks the document so a reload would be noticed. */
  async function signIn(page: Page, key: string): Promise<void> {
    await page.goto(`${server.url}/`);
    await page.getByLabel('API key', { exact: true }).fill(key);
    await page.getByRole('button', { name: 'Open dashboard' }).click();
    await page.getByTestId('me').waitFor();
    await page.locator('[data-testid="live-state"][data-state="connected"]').waitFor({ timeout: LIVE_MS });
    // Page code runs in the browser; the test's TypeScript has no DOM types, so it goes as text.
    await page.evaluate('window.notReloaded = true');
  }

  async function notReloaded(page: Page): Promise<boolean> {
    return (await page.evaluate('window.notReloaded === true')) === true;
  }

  function agentRow(page: Page, id: string): Locator {
    return page.locator(`tr[data-agent-id="${id}"]`);
  }

  async function createAgent(name: string, config: Record<string, unknown> = {}): Promise<string> {
    const { createAgent } = await server.admin.data<{ createAgent: { id: string } }>(CREATE_AGENT, { input: { name, type: 'health-check', config } });
    return createAgent.id;
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  it('serves the page at / from the server itself, under a same-origin CSP, and keeps the key in session storage', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    const html = await response.text();
    expect(html).toContain('<script defer src="/dashboard/dashboard.js"></script>');
    expect([...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]).filter((ref) => !ref!.startsWith('/') && !ref!.startsWith('data:'))).toEqual([]);
    expect((await fetch(`${server.url}/dashboard/../package.json`)).status).toBe(404);

    const page = await newPage();
    await page.goto(`${server.url}/`);
    await page.getByLabel('API key', { exact: true }).fill('vel_not_a_key');
    await page.getByRole('button', { name: 'Open dashboard' }).click();
    await page.getByRole('alert').filter({ hasText: 'does not accept this key' }).waitFor();
    await signIn(page, server.adminKey);
    expect(await page.getByTestId('me').textContent()).toContain('ADMIN');
    expect(await page.evaluate('sessionStorage.getItem("velocity.apiKey")')).toBe(server.adminKey);
    // A reload in the same tab finds the key and skips the prompt.
    await page.reload();
    await page.getByTestId('me').waitFor();
  });

  it('shows an agent created through the API without a reload, and its status reaching RUNNING once started', async () => {
    const page = await newPage();
    await signIn(page, server.adminKey);
    await page.getByTestId('overview-agents').waitFor();
    const name = uniqueName('ui-live');
    const id = await createAgent(name);
    const row = agentRow(page, id);
    await row.getByText(name).waitFor({ timeout: LIVE_MS });
    await row.locator('[data-testid="agent-status"]', { hasText: 'CREATED' }).waitFor();

    await server.admin.data(START_AGENT, { id });
    await row.locator('[data-testid="agent-status"]', { hasText: 'RUNNING' }).waitFor({ timeout: LIVE_MS });
    // The overview bar follows overviewUpdated.
    await page.locator('[data-testid="overview-agents"] li[data-status="RUNNING"] .overview-count', { hasText: /^[1-9]/ }).waitFor({ timeout: LIVE_MS });
    expect(await notReloaded(page)).toBe(true);
    await screenshot(page, 'overview-and-agents');
  });

  it('shows a task distributed through the API on the agent page, reaching SUCCEEDED live, with its log lines in the tail', async () => {
    const name = uniqueName('ui-tasks');
    const id = await runningAgent(server.admin, name);
    const page = await newPage();
    await signIn(page, server.adminKey);
    await agentRow(page, id).getByRole('link', { name }).click();
    await page.getByTestId('agent-view').waitFor();
    await page.locator('[data-testid="agent-page-status"]', { hasText: 'RUNNING' }).waitFor();

    const slow = await distribute(server.admin, { type: 'noop', agentId: id, payload: { sleepMs: 1_500, output: { ok: true } } });
    const slowRow = page.locator(`tr[data-task-id="${slow.id}"]`);
    await slowRow.waitFor({ timeout: LIVE_MS });
    await slowRow.locator('[data-testid="task-status"]', { hasText: 'RUNNING' }).waitFor({ timeout: LIVE_MS });
    await slowRow.locator('[data-testid="task-status"]', { hasText: 'SUCCEEDED' }).waitFor({ timeout: LIVE_MS });

    const check = await distribute(server.admin, { type: 'http.check', agentId: id, payload: { url: `${server.url}/healthz` } });
    await page.locator(`tr[data-task-id="${check.id}"] [data-testid="task-status"]`, { hasText: 'SUCCEEDED' }).waitFor({ timeout: LIVE_MS });
    // The handler's own line, and the task's status lines, arrive through agentLogAdded.
    const tail = page.getByTestId('log-tail');
    await tail.getByText(/GET http:\/\/127\.0\.0\.1:\d+ answered 200 in \d+ ms/).waitFor({ timeout: LIVE_MS });
    await waitFor(async () => ((await tail.locator('li').count()) >= 4 ? true : undefined), 'several log lines in the tail', LIVE_MS);

    // Health figures follow the tasks; the metrics chart is drawn.
    await page.locator('.figure', { hasText: 'Succeeded' }).locator('.figure-value', { hasText: '2' }).waitFor({ timeout: LIVE_MS });
    await page.locator('[data-testid="metrics-chart"] canvas').waitFor();
    await page.locator('.panel-metrics').getByText('2 succeeded · 0 failed').waitFor({ timeout: LIVE_MS });
    // Filtering by status asks the server for that status only.
    await page.getByLabel('Filter tasks by status').selectOption('FAILED');
    await page.getByText('No failed tasks.').waitFor();
    await page.getByLabel('Filter tasks by status').selectOption('');
    await page.locator(`tr[data-task-id="${check.id}"]`).waitFor();
    expect(await notReloaded(page)).toBe(true);
    await screenshot(page, 'agent-page');
  });

  it('hides the controls a key cannot use: none for a VIEWER, start/stop but no create or edit for an OPERATOR', async () => {
    const id = await runningAgent(server.admin, uniqueName('ui-roles'));
    await distribute(server.admin, { type: 'noop', agentId: id, payload: { failTimes: 5 }, maxAttempts: 1 });

    const viewer = await createKey(server.admin, uniqueName('ui-viewer'), 'VIEWER');
    const page = await newPage();
    await signIn(page, viewer.secret);
    await agentRow(page, id).waitFor();
    expect(await page.getByTestId('me').textContent()).toContain('VIEWER');
    const controls = page.getByRole('button', { name: /^(Start|Stop|New agent|Edit|Run task|Cancel|Retry|Run workflow|Add schedule)\b/ });
    expect(await controls.count()).toBe(0);
    await agentRow(page, id).getByRole('link').click();
    await page.locator('[data-testid="task-status"]', { hasText: 'FAILED' }).waitFor({ timeout: LIVE_MS });
    expect(await controls.count()).toBe(0);
    await screenshot(page, 'viewer-agent-page');

    const operator = await createKey(server.admin, uniqueName('ui-operator'), 'OPERATOR');
    const operatorPage = await newPage();
    await signIn(operatorPage, operator.secret);
    await agentRow(operatorPage, id).getByRole('button', { name: /^Stop\b/ }).waitFor();
    expect(await operatorPage.getByRole('button', { name: /^(New agent|Edit)\b/ }).count()).toBe(0);
  });

  it('creates and edits an agent through the form generated from its type, keeping a secret sent back masked', async () => {
    const page = await newPage();
    await signIn(page, server.adminKey);
    await page.getByRole('button', { name: 'New agent' }).click();
    const form = page.getByTestId('agent-form');
    const name = uniqueName('ui-form');
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Type').selectOption('aws-guardduty');
    // Generated from the JSON Schema: required marks, the secret as a password input.
    expect(await form.locator('[data-field="secretAccessKey"] input').getAttribute('type')).toBe('password');
    expect(await form.locator('[data-field="region"] input').getAttribute('aria-required')).toBe('true');
    await form.getByRole('button', { name: 'Create agent' }).click();
    await form.locator('[data-field="region"] .field-problem', { hasText: 'Required' }).waitFor();
    await form.locator('#config-region').fill('eu-west-1');
    await form.locator('#config-accessKeyId').fill('AKIAEXAMPLEEXAMPLE01');
    await form.locator('#config-secretAccessKey').fill('very-secret-value');
    await form.getByRole('button', { name: 'Create agent' }).click();
    await form.waitFor({ state: 'detached' });
    const { agents } = await server.admin.data<{ agents: { edges: { node: { id: string; config: Record<string, unknown> } }[] } }>(
      `query ($name: String!) { agents(filter: { nameContains: $name }) { edges { node { id config } } } }`,
      { name },
    );
    const created = agents.edges[0]!.node;
    expect(created.config).toEqual({ region: 'eu-west-1', accessKeyId: 'AKIAEXAMPLEEXAMPLE01', secretAccessKey: '********' });
    await agentRow(page, created.id).waitFor({ timeout: LIVE_MS });

    await agentRow(page, created.id).getByRole('button', { name: /^Edit\b/ }).click();
    await form.waitFor();
    expect(await form.locator('#config-secretAccessKey').inputValue()).toBe('********');
    await form.locator('#config-region').fill('us-east-2');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.waitFor({ state: 'detached' });
    // The secret went back as the mask: what is stored (encrypted) is still the original value.
    const stored = await server.api.services.agents.get(created.id);
    expect(JSON.stringify(stored!.config)).not.toContain('very-secret-value');
    expect(server.api.services.secretBox.decrypt(created.id, stored!.config['secretAccessKey'] as Envelope)).toBe('very-secret-value');
    const { agent } = await server.admin.data<{ agent: { config: Record<string, unknown> } }>(`query ($id: ID!) { agent(id: $id) { config } }`, { id: created.id });
    expect(agent.config).toEqual({ region: 'us-east-2', accessKeyId: 'AKIAEXAMPLEEXAMPLE01', secretAccessKey: '********' });
  });

  it('lists workflows with versions, shows validation problems at their lines, runs one and draws its steps live', async () => {
    await runningAgent(server.admin, uniqueName('ui-flow-agent'));
    const source = [
      'name: ui-diamond',
      'description: fan out and join',
      'steps:',
      '  - id: fetch',
      '    task: noop',
      '    agentType: health-check',
      '    payload: { sleepMs: 600, output: { v: 1 } }',
      '  - id: left',
      '    task: noop',
      '    dependsOn: [fetch]',
      '    payload: { sleepMs: 600 }',
      '  - id: right',
      '    task: noop',
      '    dependsOn: [fetch]',
      '    payload: { sleepMs: 900 }',
      '  - id: join',
      '    task: noop',
      '    dependsOn: [left, right]',
      '',
    ].join('\n');
    const create = `mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id version } }`;
    await server.admin.data(create, { input: { definition: source.replace('fan out and join', 'first version') } });
    const { createWorkflow } = await server.admin.data<{ createWorkflow: { id: string; version: number } }>(create, { input: { definition: source } });
    expect(createWorkflow.version).toBe(2);

    const page = await newPage();
    await signIn(page, server.adminKey);
    await page.getByRole('link', { name: 'Workflows' }).click();
    const list = page.getByTestId('workflow-list');
    await list.getByText('ui-diamond').waitFor();
    expect(await list.locator('.version-tag').allTextContents()).toEqual(expect.arrayContaining(['v1', 'v2']));
    await list.getByRole('link', { name: /v2/ }).click();
    const detail = page.getByTestId('workflow-detail');
    await detail.locator('[data-testid="dag"] [data-step="join"]').waitFor();
    await page.getByTestId('validation-status').getByText(/Valid · order fetch → /).waitFor({ timeout: LIVE_MS });

    // An edit that breaks a dependency: the problem is listed with its line and marked in the gutter.
    const editor = page.getByLabel('Workflow definition');
    await editor.fill(source.replace('dependsOn: [left, right]', 'dependsOn: [left, nowhere]'));
    await page.getByTestId('validation-problems').getByText('line 18').waitFor({ timeout: LIVE_MS });
    expect(await page.locator('.gutter-problem').allTextContents()).toEqual(['18']);
    await screenshot(page, 'workflows');
    await editor.fill(source);
    await page.getByTestId('validation-status').getByText(/Valid/).waitFor({ timeout: LIVE_MS });

    await page.getByLabel('Input (JSON)').fill('{"ticket": 42}');
    await page.getByRole('button', { name: 'Run workflow' }).click();
    const run = page.getByTestId('run-view');
    await run.waitFor();
    await run.locator('[data-testid="dag"] [data-step="fetch"][data-status="RUNNING"]').waitFor({ timeout: LIVE_MS });
    await run.locator('[data-testid="dag"] [data-step="right"][data-status="RUNNING"]').waitFor({ timeout: LIVE_MS });
    await screenshot(page, 'workflow-run-in-progress');
    await run.locator('[data-testid="dag"] [data-step="join"][data-status="SUCCEEDED"]').waitFor({ timeout: LIVE_MS });
    await run.locator('[data-testid="run-status"]', { hasText: 'SUCCEEDED' }).waitFor({ timeout: LIVE_MS });
    expect(await run.locator('[data-testid="dag"] [data-status="SUCCEEDED"]').count()).toBe(4);
    expect(await notReloaded(page)).toBe(true);
    await screenshot(page, 'workflow-run');
  });

  it('shows a banner when the server drops its sockets, and on reconnect shows what changed meanwhile, resuming events after its last cursor', async () => {
    const stayingName = uniqueName('ui-drop');
    const staying = await runningAgent(server.admin, stayingName);
    const page = await newPage();
    // Every socket of the page goes through this route: to watch what the page sends, and to
    // hold its reconnects back while the changes are made (the drop itself is the server's).
    let holdReconnects = false;
    const sent: { at: number; message: Record<string, any> }[] = [];
    await page.routeWebSocket(/\/graphql$/, (ws: WebSocketRoute) => {
      if (holdReconnects) {
        void ws.close({ code: 1013, reason: 'try again later' });
        return;
      }
      const upstream = ws.connectToServer();
      ws.onMessage((message) => {
        sent.push({ at: Date.now(), message: JSON.parse(String(message)) });
        upstream.send(message);
      });
    });
    await signIn(page, server.adminKey);
    await agentRow(page, staying).locator('[data-testid="agent-status"]', { hasText: 'RUNNING' }).waitFor();
    // An event seen before the drop gives the page a cursor to resume from.
    const earlier = await createAgent(uniqueName('ui-before'));
    await agentRow(page, earlier).waitFor({ timeout: LIVE_MS });

    holdReconnects = true;
    expect(server.api.http.dropWebSocketClients()).toBeGreaterThan(0);
    await page.getByTestId('connection-banner').waitFor({ timeout: LIVE_MS });
    await page.locator('[data-testid="live-state"][data-state="reconnecting"]').waitFor();

    const createdName = uniqueName('ui-while-down');
    const created = await createAgent(createdName);
    await server.admin.data(STOP_AGENT, { id: staying });
    await screenshot(page, 'connection-lost');
    const reconnectFrom = Date.now();
    holdReconnects = false;

    await page.getByTestId('connection-banner').waitFor({ state: 'detached', timeout: 30_000 });
    await agentRow(page, created).getByText(createdName).waitFor({ timeout: LIVE_MS });
    await agentRow(page, staying).locator('[data-testid="agent-status"]', { hasText: 'STOPPED' }).waitFor({ timeout: LIVE_MS });
    expect(await notReloaded(page)).toBe(true);

    // The events subscription was sent again with the last cursor it had seen.
    const resumed = sent.filter((entry) => entry.at >= reconnectFrom && entry.message['type'] === 'subscribe' && /events\(/.test(entry.message['payload']?.query ?? ''));
    expect(resumed.length).toBeGreaterThan(0);
    for (const entry of resumed) expect(entry.message['payload'].variables.after).toMatch(/^\d+$/);
  });
});
