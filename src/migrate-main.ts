import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logging/logger';
import { openDatabase } from './runtime/database';

/** `npm run migrate`: applies pending migrations (ours and graphile-worker's) and exits. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config, logger, 'migrate', 2);
  await database.close();
  process.stdout.write('migrations applied\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`velocity: ${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
