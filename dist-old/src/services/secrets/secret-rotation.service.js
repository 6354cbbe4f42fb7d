"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SecretRotationService = void 0;
const secret_box_1 = require("./secret-box");
/** The key id inside an envelope, which is not secret (a truncated sha256 of the key). */
function envelopeKeyId(value) {
    return value.$enc.split(':')[1] ?? 'unknown';
}
/**
 * Moves every agent secret to the current SECRETS_KEY: each envelope under another key
 * (readable through SECRETS_KEY_PREVIOUS) is decrypted and encrypted again, one transaction
 * per agent with its audit line and LOG event. Once it reports no failure, the previous key can go.
 */
class SecretRotationService {
    dataSource;
    changes;
    box;
    constructor(dataSource, changes, box) {
        this.dataSource = dataSource;
        this.changes = changes;
        this.box = box;
    }
    async rotate(actor) {
        const report = { agents: 0, rotatedAgents: 0, rotatedValues: 0, currentValues: 0, failures: [], keyId: this.box.currentKeyId };
        const ids = await this.dataSource.query('SELECT id FROM agent_instances ORDER BY created_at, id');
        for (const { id } of ids) {
            report.agents += 1;
            try {
                const { rotated, current } = await this.rotateAgent(actor, id);
                report.currentValues += current;
                if (rotated > 0) {
                    report.rotatedAgents += 1;
                    report.rotatedValues += rotated;
                }
            }
            catch (error) {
                // SecretBox errors name key ids, never key material or plaintext.
                report.failures.push({ agentId: id, reason: error instanceof Error ? error.message : String(error) });
            }
        }
        return report;
    }
    async rotateAgent(actor, agentId) {
        return this.changes.run(actor, async (tx) => {
            const rows = await tx.manager.query('SELECT name, config FROM agent_instances WHERE id = $1 FOR UPDATE', [agentId]);
            const row = rows[0];
            if (row === undefined)
                return { rotated: 0, current: 0 };
            const config = { ...row.config };
            const fields = [];
            const fromKeys = new Set();
            let current = 0;
            for (const [field, value] of Object.entries(config)) {
                if (!(0, secret_box_1.isEnvelope)(value))
                    continue;
                if (this.box.isCurrent(value)) {
                    current += 1;
                    continue;
                }
                fromKeys.add(envelopeKeyId(value));
                config[field] = this.box.encrypt(agentId, this.box.decrypt(agentId, value));
                fields.push(field);
            }
            if (fields.length === 0)
                return { rotated: 0, current };
            await tx.manager.query('UPDATE agent_instances SET config = $2, updated_at = now() WHERE id = $1', [agentId, JSON.stringify(config)]);
            await tx.record({ kind: 'LOG', agentId, data: { action: 'agent.secrets-rotated', fields, keyId: this.box.currentKeyId } }, {
                agentId,
                level: 'INFO',
                message: `secrets of agent "${row.name}" re-encrypted under key ${this.box.currentKeyId} (${fields.join(', ')})`,
                metadata: { fields, fromKeyIds: [...fromKeys], toKeyId: this.box.currentKeyId },
            });
            return { rotated: fields.length, current };
        });
    }
}
exports.SecretRotationService = SecretRotationService;
//# sourceMappingURL=secret-rotation.service.js.map