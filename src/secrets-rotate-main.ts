import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logging/logger';
import { openDatabase } from './runtime/database';
import { createServices } from './services';
import { loadKeyMaterial } from './services/secrets/key-material';

/**
 * `npm run secrets:rotate`: re-encrypts every agent secret that is not under SECRETS_KEY,
 * reading old ciphertexts with SECRETS_KEY_PREVIOUS. Run it with the same environment as the
 * server (with the embedded database, stop the server first). Exit 0 when every secret is now
 * under SECRETS_KEY (SECRETS_KEY_PREVIOUS can then be removed), 1 otherwise.
 */
async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel, 'velocity-secrets-rotate');
  const keys = loadKeyMaterial(config);
  const database = await openDatabase(config, logger, 'secrets-rotate', 2);
  try {
    const services = createServices({ config, dataSource: database.dataSource, keys, logger });
    const report = await services.secretRotation.rotate({ name: 'system', correlationId: `secrets-rotate:${randomUUID()}` });
    process.stdout.write(
      `secrets:rotate: ${report.agents} agent(s) checked, ${report.rotatedValues} secret(s) of ${report.rotatedAgents} agent(s) re-encrypted under key ${report.keyId}, ` +
        `${report.currentValues} already current, ${report.failures.length} failure(s)\n`,
    );
    for (const failure of report.failures) process.stdout.write(`  agent ${failure.agentId}: ${failure.reason}\n`);
    if (report.failures.length === 0) process.stdout.write('every agent secret is under SECRETS_KEY: SECRETS_KEY_PREVIOUS can be removed\n');
    return report.failures.length === 0 ? 0 : 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`velocity: ${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
