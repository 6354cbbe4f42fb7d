import { createHash } from 'node:crypto';
import { canonicalJson } from '../../services/evidence/canonical-json';
import type { TaskTypeDefinition } from '../agent-type';
import { withGuardDutyApi } from './guardduty-api';
import type { GuardDutyAgentConfig } from './guardduty-client';

export const GUARDDUTY_SOURCE = 'aws.guardduty';
export const DETECTOR_KIND = 'guardduty.detector';

export interface DetectorStatusResult {
  detectors: number;
  created: number;
  /** Detectors whose state was already recorded unchanged. */
  duplicates: number;
}

/**
 * One `guardduty.detector` record per detector. Its externalVersion is a hash of the snapshot,
 * not GetDetector's updatedAt, because a feature can change status without moving the
 * detector's updatedAt: an unchanged detector gives no new record, any change gives one.
 */
export const detectorStatusTask: TaskTypeDefinition<GuardDutyAgentConfig> = {
  description: 'ListDetectors + GetDetector: one guardduty.detector evidence record per detector (status, finding publishing frequency, features).',
  payloadSchema: { type: 'object', additionalProperties: false, properties: {} },
  async handle({ config, signal, evidence, log }): Promise<DetectorStatusResult> {
    const result: DetectorStatusResult = { detectors: 0, created: 0, duplicates: 0 };
    await withGuardDutyApi(config, signal, async (api) => {
      const ids = await api.listDetectorIds();
      result.detectors = ids.length;
      for (const detectorId of ids) {
        const snapshot = await api.getDetector(detectorId);
        const version = `sha256:${createHash('sha256').update(canonicalJson(snapshot)).digest('hex')}`;
        const appended = await evidence.append({ source: GUARDDUTY_SOURCE, kind: DETECTOR_KIND, externalId: detectorId, externalVersion: version, data: snapshot });
        if (appended.created) result.created += 1;
        else result.duplicates += 1;
      }
    });
    await log.log('INFO', `GuardDuty detector status: ${result.detectors} detector(s), ${result.created} new record(s), ${result.duplicates} unchanged`, { ...result });
    return result;
  },
};
