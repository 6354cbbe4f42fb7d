import type { TaskTypeDefinition } from '../agent-type';
import { GET_FINDINGS_BATCH_SIZE, withGuardDutyApi } from './guardduty-api';
import type { GuardDutyAgentConfig } from './guardduty-client';
import { GUARDDUTY_SOURCE } from './detector-status.task';

export const FINDING_KIND = 'guardduty.finding';
/** Findings one task collects when the payload sets no maxFindings, across all detectors. */
export const DEFAULT_MAX_FINDINGS = 1_000;
const MAX_MAX_FINDINGS = 100_000;

interface CollectFindingsPayload {
  /** Only findings of at least this severity (0-10). Default: all. */
  minSeverity?: number;
  /** At most this many findings, most recently updated first. Default 1_000. */
  maxFindings?: number;
}

export interface CollectFindingsResult {
  detectors: number;
  /** Finding ids ListFindings gave. */
  listed: number;
  /** Findings GetFindings returned. */
  fetched: number;
  /** New evidence records. */
  created: number;
  /** Findings already recorded at the same updatedAt. */
  duplicates: number;
  /** Fetched findings under a fractional minSeverity (the API criterion takes whole numbers). */
  belowMinSeverity: number;
}

/** ListFindings (paginated, severity criterion), GetFindings in batches of 50, one record per finding version. */
export const collectFindingsTask: TaskTypeDefinition<GuardDutyAgentConfig> = {
  description: 'ListFindings + GetFindings: one guardduty.finding evidence record per finding, none for a finding already collected at the same updatedAt.',
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      minSeverity: { type: 'number', minimum: 0, maximum: 10 },
      maxFindings: { type: 'integer', minimum: 1, maximum: MAX_MAX_FINDINGS },
    },
  },
  async handle({ config, payload, signal, evidence, log }): Promise<CollectFindingsResult> {
    const { minSeverity, maxFindings = DEFAULT_MAX_FINDINGS } = (payload ?? {}) as CollectFindingsPayload;
    const result: CollectFindingsResult = { detectors: 0, listed: 0, fetched: 0, created: 0, duplicates: 0, belowMinSeverity: 0 };
    await withGuardDutyApi(config, signal, async (api) => {
      const detectorIds = await api.listDetectorIds();
      result.detectors = detectorIds.length;
      for (const detectorId of detectorIds) {
        if (result.listed >= maxFindings) break;
        const ids = await api.listFindingIds(detectorId, minSeverity, maxFindings - result.listed);
        result.listed += ids.length;
        for (let start = 0; start < ids.length; start += GET_FINDINGS_BATCH_SIZE) {
          const findings = await api.getFindings(detectorId, ids.slice(start, start + GET_FINDINGS_BATCH_SIZE));
          result.fetched += findings.length;
          for (const finding of findings) {
            if (minSeverity !== undefined && finding.Severity! < minSeverity) {
              result.belowMinSeverity += 1;
              continue;
            }
            signal.throwIfAborted();
            const appended = await evidence.append({ source: GUARDDUTY_SOURCE, kind: FINDING_KIND, externalId: finding.Id, externalVersion: finding.UpdatedAt, data: finding });
            if (appended.created) result.created += 1;
            else result.duplicates += 1;
          }
        }
      }
    });
    await log.log(
      'INFO',
      `GuardDuty findings: ${result.listed} listed in ${result.detectors} detector(s), ${result.created} new record(s), ${result.duplicates} already collected`,
      { ...result },
    );
    return result;
  },
};
