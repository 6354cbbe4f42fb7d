import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { ConfigError, type Config } from '../config';
import { createLogger, type Logger } from '../logging/logger';
import { buildVelocitySchema } from '../schema/build-schema';
import { VelocityHttpServer } from '../server/http-server';
import { createServices, SYSTEM_ACTOR, type Services } from '../services';
import { resolveAdminKey, type AdminKey } from '../services/auth/admin-key-file';
import { startLiveEvents, type LiveEvents } from '../services/events/live-events';
import { loadKeyMaterial } from '../services/secrets/key-material';
import { startWorker, type WorkerHandle } from '../worker/worker-process';
import { openDatabase, type OpenDatabase } from './database';
import { connectRedis, redisReadiness } from './redis';

export interface ApiProcess {
  url: string;
  port: number;
  adminKey: AdminKey;
  services: Services;
  http: VelocityHttpServer;
  /** The in-process worker (RUN_WORKER=true), else undefined. */
  worker: WorkerHandle | undefined;
  /** SIGTERM order: drain HTTP, close WebSockets, stop the worker, close Redis, close the pools, stop embedded PostgreSQL. */
  close(): Promise<void>;
}

export interface ApiProcessOptions {
  logger?: Logger;
  /** Folder of the built GraphiQL page. Default: dist/graphiql at the repository root. */
  graphiqlRoot?: string;
  /** Folder of the built dashboard. Default: dist/dashboard at the repository root. */
  dashboardRoot?: string;
}

/** Repository root, from dist/src/runtime (compiled) or src/runtime (ts-jest). */
export function repositoryRoot(): string {
  const here = __dirname;
  return here.includes(`${join('dist', 'src')}`) ? join(here, '..', '..', '..') : join(here, '..', '..');
}

/** Boots the API process: database (embedded or not), migrations, keys, services, HTTP + WebSocket. */
export async function startApiProcess(config: Config, options: ApiProcessOptions = {}): Promise<ApiProcess> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const keys = loadKeyMaterial(config);
  const database: OpenDatabase = await openDatabase(config, logger, 'api');
  let redis: Redis | undefined;
  let http: VelocityHttpServer | undefined;
  let live: LiveEvents | undefined;
  let worker: WorkerHandle | undefined;
  try {
    redis = config.redisUrl === undefined ? undefined : connectRedis(config.redisUrl, logger, 'api');
    const services = createServices({ config, dataSource: database.dataSource, keys, logger, ...(redis === undefined ? {} : { redis }) });
    live = await startLiveEvents(services, database.url);
    const adminKey = resolveAdminKey(config);
    await services.apiKeys.ensureAdminKey(SYSTEM_ACTOR, adminKey.secret);
    const schema = await buildVelocitySchema();
    http = new VelocityHttpServer({
      services,
      schema,
      graphiqlRoot: options.graphiqlRoot ?? join(repositoryRoot(), 'dist', 'graphiql'),
      dashboardRoot: options.dashboardRoot ?? join(repositoryRoot(), 'dist', 'dashboard'),
      readinessChecks: redis === undefined ? [] : [redisReadiness(redis)],
    });
    let bound: { port: number; url: string };
    try {
      bound = await http.listen(config.port, config.host);
    } catch (error: unknown) {
      const code = (error as { code?: string }).code;
      if (code === 'EADDRINUSE') throw new ConfigError('PORT', `port ${config.port} on ${config.host} is already in use`);
      if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new ConfigError('HOST', `cannot bind to ${config.host}`);
      if (code === 'EACCES') throw new ConfigError('PORT', `no permission to bind port ${config.port}`);
      throw error;
    }
    if (config.runWorker) worker = await startWorker(services, { databaseUrl: database.url, concurrency: config.workerConcurrency });
    const server = http;
    const liveEvents = live;
    const redisClient = redis;
    const inProcessWorker = worker;
    let closing: Promise<void> | undefined;
    return {
      url: bound.url,
      port: bound.port,
      adminKey,
      services,
      http: server,
      worker: inProcessWorker,
      close() {
        closing ??= (async () => {
          await server.close();
          await liveEvents.stop();
          await inProcessWorker?.stop();
          redisClient?.disconnect();
          await database.close();
        })();
        return closing;
      },
    };
  } catch (error: unknown) {
    await worker?.stop().catch(() => undefined);
    await http?.close().catch(() => undefined);
    await live?.stop().catch(() => undefined);
    redis?.disconnect();
    await database.close().catch(() => undefined);
    throw error;
  }
}
