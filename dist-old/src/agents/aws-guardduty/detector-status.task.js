"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.detectorStatusTask = exports.DETECTOR_KIND = exports.GUARDDUTY_SOURCE = void 0;
const node_crypto_1 = require("node:crypto");
const canonical_json_1 = require("../../services/evidence/canonical-json");
const guardduty_api_1 = require("./guardduty-api");
exports.GUARDDUTY_SOURCE = 'aws.guardduty';
exports.DETECTOR_KIND = 'guardduty.detector';
/**
 * One `guardduty.detector` record per detector. Its externalVersion is a hash of the snapshot,
 * not GetDetector's updatedAt, because a feature can change status without moving the
 * detector's updatedAt: an unchanged detector gives no new record, any change gives one.
 */
exports.detectorStatusTask = {
    description: 'ListDetectors + GetDetector: one guardduty.detector evidence record per detector (status, finding publishing frequency, features).',
    payloadSchema: { type: 'object', additionalProperties: false, properties: {} },
    async handle({ config, signal, evidence, log }) {
        const result = { detectors: 0, created: 0, duplicates: 0 };
        await (0, guardduty_api_1.withGuardDutyApi)(config, signal, async (api) => {
            const ids = await api.listDetectorIds();
            result.detectors = ids.length;
            for (const detectorId of ids) {
                const snapshot = await api.getDetector(detectorId);
                const version = `sha256:${(0, node_crypto_1.createHash)('sha256').update((0, canonical_json_1.canonicalJson)(snapshot)).digest('hex')}`;
                const appended = await evidence.append({ source: exports.GUARDDUTY_SOURCE, kind: exports.DETECTOR_KIND, externalId: detectorId, externalVersion: version, data: snapshot });
                if (appended.created)
                    result.created += 1;
                else
                    result.duplicates += 1;
            }
        });
        await log.log('INFO', `GuardDuty detector status: ${result.detectors} detector(s), ${result.created} new record(s), ${result.duplicates} unchanged`, { ...result });
        return result;
    },
};
//# sourceMappingURL=detector-status.task.js.map