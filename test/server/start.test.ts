import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorCode, graphqlClient } from '../support/graphql-client';
import { externalReferences, loadGraphiqlPage, remoteLoadsIn } from '../support/graphiql-page';
import { cleanEnv, freePort, postgresProcessesOn, spawnMain, type MainProcess } from '../support/main-process';
import { acknowledgedSocket } from '../support/raw-socket';

// `npm start` as a newcomer runs it: the built entry point, no DATABASE_URL, no REDIS_URL,
// no ADMIN_API_KEY, only a fresh DATA_DIR and a port (PORT=0 would work, but the banner is
// the only place the port shows, so the test picks a free one itself).

/** Initialising and starting an embedded PostgreSQL cluster takes ~10 s on a slow machine. */
const BOOT_TIMEOUT_MS = 90_000;
const LISTENING = /listening on (http:\/\/\S+)\/graphql/;
const GENERATED_KEY = /Generated admin API key[^\n]*\n\s*(\S+)/;
const STARTED = /"msg":"velocity started"/;

describe('npm start with no configuration', () => {
  let dataDir: string;
  /** Every process this file started and has not seen exit (a failed test may leave one running). */
  const running = new Set<MainProcess>();

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'velocity-start-'));
  });

  afterAll(async () => {
    // Only when a test failed half-way: stop our own children so their embedded PostgreSQL stops too.
    for (const main of running) await main.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function boot(): Promise<{ main: MainProcess; url: string }> {
    const port = await freePort();
    const main = spawnMain(cleanEnv({ DATA_DIR: dataDir, PORT: String(port) }));
    running.add(main);
    void main.exited.then(() => running.delete(main));
    const [, url] = await main.waitForStdout(LISTENING, BOOT_TIMEOUT_MS);
    // Logged after the banner (and the key, when one is generated): the start-up output is complete.
    await main.waitForStdout(STARTED, BOOT_TIMEOUT_MS);
    return { main, url: url! };
  }

  async function shutDown(main: MainProcess): Promise<void> {
    const { code, signal } = await main.stop();
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(main.stderr()).toBe('');
    expect(postgresProcessesOn(join(dataDir, 'postgres'))).toEqual([]);
  }

  it(
    'runs an embedded PostgreSQL, writes the admin key file (0600) and serves GraphiQL with no external URL',
    async () => {
      const { main, url } = await boot();
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

      // The embedded cluster lives under DATA_DIR and runs while the server does.
      expect(existsSync(join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
      expect(postgresProcessesOn(join(dataDir, 'postgres')).length).toBeGreaterThan(0);

      // The generated key is printed once and kept in DATA_DIR/admin-api-key, readable by the owner only.
      const printed = GENERATED_KEY.exec(main.stdout())?.[1];
      expect(printed).toMatch(/^vel_/);
      const keyFile = join(dataDir, 'admin-api-key');
      expect(readFileSync(keyFile, 'utf8').trim()).toBe(printed);
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);

      const admin = graphqlClient(url, printed!);
      expect(await admin.data(`{ me { name role } }`)).toEqual({ me: { name: 'admin', role: 'ADMIN' } });
      expect(errorCode(await graphqlClient(url, null).request(`{ me { name } }`))).toBe('UNAUTHENTICATED');

      // GraphiQL from our own bundle: every script and stylesheet is a local path the server serves.
      const page = await loadGraphiqlPage(url);
      expect(page.status).toBe(200);
      expect(page.contentType).toMatch(/^text\/html/);
      expect(page.references.some((reference) => reference.endsWith('.js'))).toBe(true);
      expect(page.references.some((reference) => reference.endsWith('.css'))).toBe(true);
      expect(externalReferences(page)).toEqual([]);
      for (const asset of page.assets) {
        expect({ path: asset.path, status: asset.status }).toEqual({ path: asset.path, status: 200 });
        expect(asset.body.length).toBeGreaterThan(1000);
        expect(remoteLoadsIn(asset.body)).toEqual([]);
      }

      const created = await admin.data<{ createAgent: { id: string } }>(
        `mutation { createAgent(input: { name: "first-boot", type: "health-check", config: {} }) { id } }`,
      );
      expect(created.createAgent.id).toBeTruthy();

      // A second server on the same DATA_DIR meanwhile is refused with one line naming DATA_DIR.
      const intruder = spawnMain(cleanEnv({ DATA_DIR: dataDir, PORT: String(await freePort()) }));
      running.add(intruder);
      expect((await intruder.exited).code).toBe(1);
      expect(intruder.stderr()).toMatch(/^velocity: DATA_DIR: .*did not start: .*postmaster\.pid.*\n$/);
      expect(intruder.stderr().trimEnd().split('\n')).toHaveLength(1);

      await shutDown(main);
    },
    BOOT_TIMEOUT_MS * 2,
  );

  it(
    'keeps its data and admin key on a second boot and prints no new key',
    async () => {
      const keyBefore = readFileSync(join(dataDir, 'admin-api-key'), 'utf8').trim();
      const { main, url } = await boot();
      expect(main.stdout()).not.toMatch(/Generated admin API key/);
      expect(main.stdout()).not.toContain(keyBefore);
      expect(readFileSync(join(dataDir, 'admin-api-key'), 'utf8').trim()).toBe(keyBefore);

      const admin = graphqlClient(url, keyBefore);
      const listed = await admin.data<{ agents: { totalCount: number; edges: { node: { name: string } }[] } }>(`{ agents { totalCount edges { node { name } } } }`);
      expect(listed.agents.totalCount).toBe(1);
      expect(listed.agents.edges.map((edge) => edge.node.name)).toEqual(['first-boot']);

      // SIGTERM closes live sockets with 1012 (restarting: reconnect) and still exits 0.
      const socket = await acknowledgedSocket(`${url.replace(/^http/, 'ws')}/graphql`, keyBefore);
      await shutDown(main);
      expect(await socket.closed).toBe(1012);
    },
    BOOT_TIMEOUT_MS * 2,
  );
});
