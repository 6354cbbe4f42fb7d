import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../src/runtime/free-port';

/** Sizes of one bench run: the figures, or tiny ones for the smoke test. */
export interface BenchSizes {
  throughputTasks: number;
  throughputClients: number;
  /** distributeTasks: concurrent callers and tasks a call. */
  bulkClients: number;
  bulkPerCall: number;
  subscribers: number;
  liveChanges: number;
  queryDurationSeconds: number;
  queryConnections: number;
  startupAgents: number;
  workflowRuns: number;
  workflowSteps: number;
}

export const FULL_SIZES: BenchSizes = {
  throughputTasks: 5_000,
  throughputClients: 32,
  bulkClients: 4,
  bulkPerCall: 250,
  subscribers: 1_000,
  liveChanges: 200,
  queryDurationSeconds: 10,
  queryConnections: 50,
  startupAgents: 100,
  workflowRuns: 10,
  workflowSteps: 10,
};

export const SMOKE_SIZES: BenchSizes = {
  throughputTasks: 40,
  throughputClients: 4,
  bulkClients: 2,
  bulkPerCall: 10,
  subscribers: 5,
  liveChanges: 5,
  queryDurationSeconds: 1,
  queryConnections: 4,
  startupAgents: 3,
  workflowRuns: 1,
  workflowSteps: 3,
};

export interface ApiUnderTest {
  url: string;
  adminKey: string;
  process: ChildProcess;
  stop(): Promise<void>;
}


/** A fresh database for one bench run on the server of `baseUrl`; dropped by the returned function. */
export async function createBenchDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `velocity_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: baseUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Starts the product (`npm start`'s entry point) as its own process, as it runs in production. */
export async function startApi(databaseUrl: string, redisUrl: string | undefined, extraEnv: Record<string, string> = {}): Promise<ApiUnderTest> {
  const port = await freePort();
  const adminKey = `vel_bench_${randomBytes(16).toString('hex')}`;
  const child = spawn(process.execPath, [join(__dirname, '..', 'src', 'main.js')], {
    env: {
      PATH: process.env['PATH'] ?? '',
      DATABASE_URL: databaseUrl,
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
      PORT: String(port),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'velocity-bench-')),
      ADMIN_API_KEY: adminKey,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      // The load generators use one key on purpose: the per-key mutation limit is not what is measured.
      MUTATION_RATE_PER_SECOND: '1000000',
      MUTATION_RATE_BURST: '1000000',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('listening on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the API exited with ${code} before listening:\n${out}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    adminKey,
    process: child,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
