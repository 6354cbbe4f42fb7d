"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.collectFindingsTask = exports.DEFAULT_MAX_FINDINGS = exports.FINDING_KIND = void 0;
const guardduty_api_1 = require("./guardduty-api");
const detector_status_task_1 = require("./detector-status.task");
exports.FINDING_KIND = 'guardduty.finding';
/** Findings one task collects when the payload sets no maxFindings, across all detectors. */
exports.DEFAULT_MAX_FINDINGS = 1_000;
const MAX_MAX_FINDINGS = 100_000;
/** ListFindings (paginated, severity criterion), GetFindings in batches of 50, one record per finding version. */
exports.collectFindingsTask = {
    description: 'ListFindings + GetFindings: one guardduty.finding evidence record per finding, none for a finding already collected at the same updatedAt.',
    payloadSchema: {
        type: 'object',
        additionalProperties: false,
        properties: {
            minSeverity: { type: 'number', minimum: 0, maximum: 10 },
            maxFindings: { type: 'integer', minimum: 1, maximum: MAX_MAX_FINDINGS },
        },
    },
    async handle({ config, payload, signal, evidence, log }) {
        const { minSeverity, maxFindings = exports.DEFAULT_MAX_FINDINGS } = (payload ?? {});
        const result = { detectors: 0, listed: 0, fetched: 0, created: 0, duplicates: 0, belowMinSeverity: 0 };
        await (0, guardduty_api_1.withGuardDutyApi)(config, signal, async (api) => {
            const detectorIds = await api.listDetectorIds();
            result.detectors = detectorIds.length;
            for (const detectorId of detectorIds) {
                if (result.listed >= maxFindings)
                    break;
                const ids = await api.listFindingIds(detectorId, minSeverity, maxFindings - result.listed);
                result.listed += ids.length;
                for (let start = 0; start < ids.length; start += guardduty_api_1.GET_FINDINGS_BATCH_SIZE) {
                    const findings = await api.getFindings(detectorId, ids.slice(start, start + guardduty_api_1.GET_FINDINGS_BATCH_SIZE));
                    result.fetched += findings.length;
                    for (const finding of findings) {
                        if (minSeverity !== undefined && finding.Severity < minSeverity) {
                            result.belowMinSeverity += 1;
                            continue;
                        }
                        signal.throwIfAborted();
                        const appended = await evidence.append({ source: detector_status_task_1.GUARDDUTY_SOURCE, kind: exports.FINDING_KIND, externalId: finding.Id, externalVersion: finding.UpdatedAt, data: finding });
                        if (appended.created)
                            result.created += 1;
                        else
                            result.duplicates += 1;
                    }
                }
            }
        });
        await log.log('INFO', `GuardDuty findings: ${result.listed} listed in ${result.detectors} detector(s), ${result.created} new record(s), ${result.duplicates} already collected`, { ...result });
        return result;
    },
};
//# sourceMappingURL=collect-findings.task.js.map