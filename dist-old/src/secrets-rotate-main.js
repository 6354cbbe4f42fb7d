"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
require("reflect-metadata");
const node_crypto_1 = require("node:crypto");
const config_1 = require("./config");
const logger_1 = require("./logging/logger");
const database_1 = require("./runtime/database");
const services_1 = require("./services");
const key_material_1 = require("./services/secrets/key-material");
/**
 * `npm run secrets:rotate`: re-encrypts every agent secret that is not under SECRETS_KEY,
 * reading old ciphertexts with SECRETS_KEY_PREVIOUS. Run it with the same environment as the
 * server (with the embedded database, stop the server first). Exit 0 when every secret is now
 * under SECRETS_KEY (SECRETS_KEY_PREVIOUS can then be removed), 1 otherwise.
 */
async function main() {
    const config = (0, config_1.loadConfig)(process.env);
    const logger = (0, logger_1.createLogger)(config.logLevel, 'velocity-secrets-rotate');
    const keys = (0, key_material_1.loadKeyMaterial)(config);
    const database = await (0, database_1.openDatabase)(config, logger, 'secrets-rotate', 2);
    try {
        const services = (0, services_1.createServices)({ config, dataSource: database.dataSource, keys, logger });
        const report = await services.secretRotation.rotate({ name: 'system', correlationId: `secrets-rotate:${(0, node_crypto_1.randomUUID)()}` });
        process.stdout.write(`secrets:rotate: ${report.agents} agent(s) checked, ${report.rotatedValues} secret(s) of ${report.rotatedAgents} agent(s) re-encrypted under key ${report.keyId}, ` +
            `${report.currentValues} already current, ${report.failures.length} failure(s)\n`);
        for (const failure of report.failures)
            process.stdout.write(`  agent ${failure.agentId}: ${failure.reason}\n`);
        if (report.failures.length === 0)
            process.stdout.write('every agent secret is under SECRETS_KEY: SECRETS_KEY_PREVIOUS can be removed\n');
        return report.failures.length === 0 ? 0 : 1;
    }
    finally {
        await database.close();
    }
}
main().then((code) => process.exit(code), (error) => {
    process.stderr.write(`velocity: ${error instanceof config_1.ConfigError ? error.message : error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
});
//# sourceMappingURL=secrets-rotate-main.js.map