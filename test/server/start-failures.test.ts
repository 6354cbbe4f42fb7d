import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { cleanEnv, runToExit } from '../support/main-process';

// A bad value stops `npm start` with exit code 1 and ONE line on stderr naming the variable,
// before anything listens. Each case spawns the built entry point.

/** A failing start must not hang: even the unreachable database fails fast. */
const EXIT_TIMEOUT_MS = 30_000;

describe('npm start with a bad configuration value', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'velocity-badenv-'));
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  function expectRefusal(result: { code: number | null; stdout: string; stderr: string }, variable: string): void {
    expect(result.code).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^velocity: ${variable}: \\S`));
    expect(result.stdout).not.toMatch(/listening on/);
  }

  // Refused by the configuration itself, before any connection.
  const cases: [string, Record<string, string>, string, RegExp][] = [
    ['PORT is not a number', { PORT: 'abc' }, 'PORT', /whole number.*"abc"/],
    ['PORT is out of range', { PORT: '70000' }, 'PORT', /between 0 and 65535/],
    ['WORKER_CONCURRENCY is 0', { WORKER_CONCURRENCY: '0' }, 'WORKER_CONCURRENCY', /between 1 and/],
    ['SECRETS_KEY is too short', { SECRETS_KEY: 'short' }, 'SECRETS_KEY', /32 bytes/],
    ['NODE_ENV=production has no SECRETS_KEY', { NODE_ENV: 'production' }, 'SECRETS_KEY', /required when NODE_ENV=production/],
    ['RUN_WORKER is not a boolean', { RUN_WORKER: 'maybe' }, 'RUN_WORKER', /true or false/],
    ['LOG_LEVEL is unknown', { LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /must be one of/],
    ['REDIS_URL has the wrong scheme', { REDIS_URL: 'http://127.0.0.1:6379' }, 'REDIS_URL', /redis: or rediss:/],
    ['EVIDENCE_SIGNING_KEY is not PEM', { EVIDENCE_SIGNING_KEY: 'not a key' }, 'EVIDENCE_SIGNING_KEY', /PEM/],
  ];

  it.each(cases)('exits 1 naming the variable when %s', async (_title, env, variable, problem) => {
    const result = await runToExit(cleanEnv({ DATA_DIR: dataDir, ...env }), EXIT_TIMEOUT_MS);
    expectRefusal(result, variable);
    expect(result.stderr).toMatch(problem);
  });

  it('exits 1 naming DATABASE_URL when the database does not answer, without its password', async () => {
    const result = await runToExit(
      cleanEnv({ DATA_DIR: dataDir, DATABASE_URL: 'postgres://postgres:hunter2-secret@127.0.0.1:1/x', RUN_WORKER: 'false' }),
      EXIT_TIMEOUT_MS,
    );
    expectRefusal(result, 'DATABASE_URL');
    expect(result.stderr).toMatch(/127\.0\.0\.1:1/);
    expect(result.stderr).not.toContain('hunter2-secret');
  });

  describe('when the port is taken', () => {
    let db: TestDatabase;
    let occupier: Server;
    let port: number;

    beforeAll(async () => {
      db = await createTestDatabase();
      occupier = createServer();
      await new Promise<void>((resolve) => occupier.listen(0, '127.0.0.1', resolve));
      const address = occupier.address();
      port = typeof address === 'object' && address !== null ? address.port : 0;
    });
    afterAll(async () => {
      await new Promise<void>((resolve) => occupier.close(() => resolve()));
      await db.drop();
    });

    it('exits 1 naming PORT and leaves no database connection open', async () => {
      const result = await runToExit(
        cleanEnv({ DATA_DIR: dataDir, DATABASE_URL: db.url, PORT: String(port), HOST: '127.0.0.1', RUN_WORKER: 'false', LOG_LEVEL: 'warn' }),
        EXIT_TIMEOUT_MS,
      );
      expectRefusal(result, 'PORT');
      expect(result.stderr).toMatch(new RegExp(`port ${port}.*in use`));
      expect(await db.connectionsLeft()).toBe(0);
    });
  });
});
