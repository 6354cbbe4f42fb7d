import {
  GetDetectorCommand,
  GetFindingsCommand,
  ListDetectorsCommand,
  ListFindingsCommand,
  type Finding,
  type GetDetectorCommandOutput,
  type GuardDutyClient,
} from '@aws-sdk/client-guardduty';
import { toJsonValue } from '../../services/evidence/canonical-json';
import { createGuardDutyClient, type GuardDutyAgentConfig } from './guardduty-client';
import { describeGuardDutyFailure, MalformedResponseError } from './guardduty-errors';

/** Largest page ListDetectors and ListFindings accept. */
const PAGE_SIZE = 50;
/** Largest batch GetFindings accepts. */
export const GET_FINDINGS_BATCH_SIZE = 50;

/** What one detector's evidence holds (GetDetector, dates as ISO strings). */
export interface DetectorSnapshot {
  detectorId: string;
  status: string;
  serviceRole: string | null;
  findingPublishingFrequency: string | null;
  features: unknown[];
  createdAt: string | null;
  updatedAt: string | null;
}

/** A finding as the SDK returns it, with the fields the ledger relies on checked. */
export type CheckedFinding = Finding & { Id: string; UpdatedAt: string };

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function optionalString(value: unknown, operation: string, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new MalformedResponseError(operation, `${field} is not a string`);
  return value;
}

/**
 * The four GuardDuty calls the agent makes, through one SDK client: each passes the task's
 * AbortSignal, checks the response's shape, and turns failures into clear errors without secrets.
 */
export class GuardDutyApi {
  private readonly client: GuardDutyClient;
  private readonly secrets: (string | undefined)[];

  constructor(
    config: GuardDutyAgentConfig,
    private readonly signal: AbortSignal,
  ) {
    this.client = createGuardDutyClient(config);
    this.secrets = [config.secretAccessKey, config.sessionToken];
  }

  /** Releases the client's sockets. */
  close(): void {
    this.client.destroy();
  }

  /** Every detector id of the account in the region (all pages). */
  async listDetectorIds(): Promise<string[]> {
    const ids: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.call('ListDetectors', (abortSignal) => this.client.send(new ListDetectorsCommand({ MaxResults: PAGE_SIZE, NextToken: nextToken }), { abortSignal }));
      if (!isStringArray(page.DetectorIds)) throw new MalformedResponseError('ListDetectors', 'detectorIds is not a list of strings');
      ids.push(...page.DetectorIds);
      nextToken = optionalString(page.NextToken, 'ListDetectors', 'nextToken') || undefined;
    } while (nextToken !== undefined);
    return ids;
  }

  /** One ListDetectors call: proves the credentials work. */
  async checkAccess(): Promise<void> {
    await this.call('ListDetectors', (abortSignal) => this.client.send(new ListDetectorsCommand({ MaxResults: 1 }), { abortSignal }));
  }

  async getDetector(detectorId: string): Promise<DetectorSnapshot> {
    const detector: GetDetectorCommandOutput = await this.call('GetDetector', (abortSignal) => this.client.send(new GetDetectorCommand({ DetectorId: detectorId }), { abortSignal }));
    if (typeof detector.Status !== 'string') throw new MalformedResponseError('GetDetector', 'status is missing');
    if (detector.Features !== undefined && !Array.isArray(detector.Features)) throw new MalformedResponseError('GetDetector', 'features is not a list');
    return {
      detectorId,
      status: detector.Status,
      serviceRole: optionalString(detector.ServiceRole, 'GetDetector', 'serviceRole'),
      findingPublishingFrequency: optionalString(detector.FindingPublishingFrequency, 'GetDetector', 'findingPublishingFrequency'),
      // Feature dates are Date objects in the SDK: stored as ISO strings.
      features: toJsonValue(detector.Features ?? []) as unknown[],
      createdAt: optionalString(detector.CreatedAt, 'GetDetector', 'createdAt'),
      updatedAt: optionalString(detector.UpdatedAt, 'GetDetector', 'updatedAt'),
    };
  }

  /** Finding ids with severity >= minSeverity (when given), most recently updated first, at most `limit`. */
  async listFindingIds(detectorId: string, minSeverity: number | undefined, limit: number): Promise<string[]> {
    const ids: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.call('ListFindings', (abortSignal) =>
        this.client.send(
          new ListFindingsCommand({
            DetectorId: detectorId,
            // The criterion takes whole numbers; fractional thresholds are applied again to the fetched findings.
            ...(minSeverity === undefined ? {} : { FindingCriteria: { Criterion: { severity: { GreaterThanOrEqual: Math.floor(minSeverity) } } } }),
            SortCriteria: { AttributeName: 'updatedAt', OrderBy: 'DESC' },
            MaxResults: Math.min(PAGE_SIZE, limit - ids.length),
            NextToken: nextToken,
          }),
          { abortSignal },
        ),
      );
      if (!isStringArray(page.FindingIds)) throw new MalformedResponseError('ListFindings', 'findingIds is not a list of strings');
      ids.push(...page.FindingIds.slice(0, limit - ids.length));
      nextToken = optionalString(page.NextToken, 'ListFindings', 'nextToken') || undefined;
    } while (nextToken !== undefined && ids.length < limit);
    return ids;
  }

  /** The findings of at most GET_FINDINGS_BATCH_SIZE ids. */
  async getFindings(detectorId: string, ids: string[]): Promise<CheckedFinding[]> {
    const response = await this.call('GetFindings', (abortSignal) => this.client.send(new GetFindingsCommand({ DetectorId: detectorId, FindingIds: ids }), { abortSignal }));
    if (!Array.isArray(response.Findings)) throw new MalformedResponseError('GetFindings', 'findings is not a list');
    return response.Findings.map((finding, index) => {
      if (typeof finding !== 'object' || finding === null) throw new MalformedResponseError('GetFindings', `findings[${index}] is not an object`);
      if (typeof finding.Id !== 'string' || finding.Id === '') throw new MalformedResponseError('GetFindings', `findings[${index}].id is missing`);
      if (typeof finding.UpdatedAt !== 'string' || finding.UpdatedAt === '') throw new MalformedResponseError('GetFindings', `findings[${index}].updatedAt is missing`);
      if (typeof finding.Severity !== 'number') throw new MalformedResponseError('GetFindings', `findings[${index}].severity is not a number`);
      return finding as CheckedFinding;
    });
  }

  private async call<T>(operation: string, send: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
    this.signal.throwIfAborted();
    try {
      return await send(this.signal);
    } catch (error: unknown) {
      throw describeGuardDutyFailure(operation, error, this.signal, this.secrets);
    }
  }
}

/** Runs work against GuardDuty and always releases the client. */
export async function withGuardDutyApi<T>(config: GuardDutyAgentConfig, signal: AbortSignal, work: (api: GuardDutyApi) => Promise<T>): Promise<T> {
  const api = new GuardDutyApi(config, signal);
  try {
    return await work(api);
  } finally {
    api.close();
  }
}
