import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logging/logger';
import { startApiProcess, type ApiProcess } from '../../src/runtime/api-process';
import { createTestDatabase, type TestDatabase } from './test-database';
import { graphqlClient, type GraphQLClient } from './graphql-client';

export interface TestServer {
  api: ApiProcess;
  db: TestDatabase;
  url: string;
  wsUrl: string;
  adminKey: string;
  /** Every log line the server wrote, as JSON text (for secret scans and error checks). */
  logs: string[];
  /** A GraphQL client authenticated with the admin key (or another key). */
  admin: GraphQLClient;
  as(key: string | null): GraphQLClient;
  dataDir: string;
  redisPrefix: string;
  /** Closes the server and checks that it left no database connection behind. */
  close(): Promise<void>;
}

export interface TestServerOptions {
  env?: Record<string, string>;
  /** Reuse a database (e.g. a restart test); default: a fresh clone of the template. */
  db?: TestDatabase;
  /** Use the REDIS_URL of the environment. Default false: in-process cache and bus. */
  redis?: boolean;
}

/** Starts a real API process in this test process: real PostgreSQL, real HTTP and WebSocket on port 0. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const db = options.db ?? (await createTestDatabase());
  const dataDir = mkdtempSync(join(tmpdir(), 'velocity-test-'));
  const adminKey = `vel_test_admin_${randomBytes(12).toString('hex')}`;
  const redisPrefix = `vt:${randomBytes(4).toString('hex')}:`;
  const env: Record<string, string> = {
    DATABASE_URL: db.url,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    ADMIN_API_KEY: adminKey,
    RUN_WORKER: 'false',
    LOG_LEVEL: 'info',
    NODE_ENV: 'test',
    REDIS_PREFIX: redisPrefix,
    ...(options.redis && process.env['REDIS_URL'] ? { REDIS_URL: process.env['REDIS_URL'] } : {}),
    ...options.env,
  };
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(chunk.toString('utf8'));
      callback();
    },
  });
  const config = loadConfig(env);
  const api = await startApiProcess(config, { logger: createLogger(config.logLevel, 'velocity-test', sink) });
  const url = api.url;
  return {
    api,
    db,
    url,
    wsUrl: `${url.replace(/^http/, 'ws')}/graphql`,
    adminKey,
    logs,
    admin: graphqlClient(url, adminKey),
    as: (key) => graphqlClient(url, key),
    dataDir,
    redisPrefix,
    async close() {
      await api.close();
      const open = await db.connectionsLeft();
      rmSync(dataDir, { recursive: true, force: true });
      if (options.db === undefined) await db.drop();
      if (open > 0) throw new Error(`the server left ${open} database connection(s) open after close`);
    },
  };
}
