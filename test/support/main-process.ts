import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Every variable RUNTIME.md documents (plus our extras): stripped so a spawned server starts "with no configuration". */
const RUNTIME_VARIABLES = [
  'PORT',
  'HOST',
  'DATA_DIR',
  'DATABASE_URL',
  'REDIS_URL',
  'REDIS_PREFIX',
  'ADMIN_API_KEY',
  'SECRETS_KEY',
  'SECRETS_KEY_PREVIOUS',
  'EVIDENCE_SIGNING_KEY',
  'RUN_WORKER',
  'WORKER_CONCURRENCY',
  'LOG_LEVEL',
  'EVENT_RETENTION_DAYS',
  'TLS_CERT_FILE',
  'TLS_KEY_FILE',
  'GRAPHIQL',
  'MAX_BODY_BYTES',
  'MAX_PAYLOAD_BYTES',
  'NODE_ENV',
];

/** This process's environment without any Velocity variable, plus `extra`. */
export function cleanEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !RUNTIME_VARIABLES.includes(name) && !name.startsWith('VELOCITY_')) env[name] = value;
  }
  return { ...env, ...extra };
}

/** A port nothing listens on right now (listen on 0, read it, close): `npm start` cannot print the port 0 picked. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface MainProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in stdout; rejects on exit or after `timeoutMs`. */
  waitForStdout(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns the built `npm start` entry point (dist/src/main.js) with exactly this environment. */
export function spawnMain(env: Record<string, string>, script = 'dist/src/main.js'): MainProcess {
  const child = spawn(process.execPath, [script], { cwd: join(__dirname, '..', '..'), env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    for (const listener of listeners) listener();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => {
      for (const listener of listeners) listener();
      resolve({ code, signal });
    });
  });
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForStdout(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const match = pattern.exec(out);
          if (match) {
            done();
            resolve(match);
          } else if (hasExited || child.exitCode !== null) {
            done();
            reject(new Error(`the process exited before printing ${pattern}:\nstdout: ${out}\nstderr: ${err}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no ${pattern} on stdout within ${timeoutMs} ms:\nstdout: ${out}\nstderr: ${err}`));
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Process ids of PostgreSQL servers running on this data folder (read from /proc: Linux). */
export function postgresProcessesOn(databaseDir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    const args = cmdline.split('\0');
    if (args[0]?.endsWith('postgres') && args.includes(databaseDir)) pids.push(Number(entry));
  }
  return pids;
}

/** Runs a spawned process to its exit (for start failures), with a deadline. */
export async function runToExit(env: Record<string, string>, timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const main = spawnMain(env);
  const timer = setTimeout(() => main.child.kill('SIGKILL'), timeoutMs);
  const { code } = await main.exited;
  clearTimeout(timer);
  return { code, stdout: main.stdout(), stderr: main.stderr() };
}

/** A worker process (`npm run worker`'s entry point) and the id it runs under. */
export interface SpawnedWorker {
  process: MainProcess;
  workerId: string;
}

/** Starts `npm run worker`'s entry point with exactly these variables (over a clean environment). */
export async function spawnWorker(env: Record<string, string>): Promise<SpawnedWorker> {
  const process = spawnMain(cleanEnv(env), 'dist/src/worker-main.js');
  const match = await process.waitForStdout(/velocity worker (\S+) running/, 60_000);
  return { process, workerId: match[1]! };
}

/**
 * A worker's variables for tests of several workers on one database: 5 jobs at once, a
 * heartbeat every 300 ms, presumed dead after 1.5 s of silence, retries after 50 ms.
 */
export function quickWorkerEnv(databaseUrl: string, dataDir: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    WORKER_CONCURRENCY: '5',
    WORKER_HEARTBEAT_MS: '300',
    WORKER_STALE_MS: '1500',
    TASK_RETRY_BASE_MS: '50',
  };
}
