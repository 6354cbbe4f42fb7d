import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local GuardDuty speaking the REST-JSON protocol of the real service (camelCase members
 * on the wire, errors named by the x-amzn-ErrorType header), enough for @aws-sdk/client-guardduty
 * pointed at it through `endpoint`: ListDetectors, GetDetector, ListFindings, GetFindings.
 */
export type GuardDutyOperation = 'ListDetectors' | 'GetDetector' | 'ListFindings' | 'GetFindings';

/** What to do instead of answering: 429 ThrottlingException, 403 AccessDeniedException, a body that is not JSON, JSON of the wrong shape, 500. */
export type FailureKind = 'throttle' | 'access-denied' | 'invalid-json' | 'wrong-shape' | 'server-error';

export interface FakeFinding {
  id: string;
  severity: number;
  type: string;
  title: string;
  createdAt: string;
  updatedAt: string;
}

export interface FakeDetector {
  id: string;
  status: 'ENABLED' | 'DISABLED';
  findingPublishingFrequency: string;
  createdAt: string;
  updatedAt: string;
  findings: FakeFinding[];
}

export interface RecordedRequest {
  operation: GuardDutyOperation | 'unknown';
  method: string;
  path: string;
  accessKeyId: string | null;
  body: Record<string, unknown> | null;
  status: number;
}

interface PendingFailure {
  kind: FailureKind;
  operation: GuardDutyOperation | null;
  remaining: number;
}

export const FAKE_ACCOUNT_ID = '123456789012';
const REGION = 'us-east-1';

function route(method: string, path: string): { operation: GuardDutyOperation; detectorId: string | null } | null {
  if (method === 'GET' && path === '/detector') return { operation: 'ListDetectors', detectorId: null };
  const match = /^\/detector\/([^/]+)(\/findings(\/get)?)?$/.exec(path);
  if (match === null) return null;
  const detectorId = decodeURIComponent(match[1]!);
  if (method === 'GET' && match[2] === undefined) return { operation: 'GetDetector', detectorId };
  if (method === 'POST' && match[2] !== undefined && match[3] === undefined) return { operation: 'ListFindings', detectorId };
  if (method === 'POST' && match[3] !== undefined) return { operation: 'GetFindings', detectorId };
  return null;
}

function page<T>(items: T[], maxResults: number, nextToken: unknown): { items: T[]; nextToken: string | undefined } {
  const offset = typeof nextToken === 'string' && nextToken !== '' ? Number(Buffer.from(nextToken, 'base64url').toString('utf8')) : 0;
  const slice = items.slice(offset, offset + maxResults);
  const next = offset + maxResults < items.length ? Buffer.from(String(offset + maxResults)).toString('base64url') : undefined;
  return { items: slice, nextToken: next };
}

function findingOnWire(detector: FakeDetector, finding: FakeFinding): Record<string, unknown> {
  return {
    accountId: FAKE_ACCOUNT_ID,
    arn: `arn:aws:guardduty:${REGION}:${FAKE_ACCOUNT_ID}:detector/${detector.id}/finding/${finding.id}`,
    createdAt: finding.createdAt,
    id: finding.id,
    partition: 'aws',
    region: REGION,
    resource: { resourceType: 'Instance', instanceDetails: { instanceId: `i-${finding.id.slice(0, 17)}` } },
    schemaVersion: '2.0',
    service: { serviceName: 'guardduty', detectorId: detector.id, archived: false, count: 1 },
    severity: finding.severity,
    title: finding.title,
    type: finding.type,
    updatedAt: finding.updatedAt,
  };
}

export class FakeGuardDuty {
  readonly detectors = new Map<string, FakeDetector>();
  /** Access key ids the fake accepts (the SigV4 Credential= part of the Authorization header). */
  readonly acceptedAccessKeyIds = new Set<string>();
  readonly requests: RecordedRequest[] = [];
  /** Largest page ListFindings and ListDetectors give, whatever maxResults asks. */
  pageSize = 50;
  private failures: PendingFailure[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(acceptedAccessKeyIds: string[] = []): Promise<FakeGuardDuty> {
    let fake: FakeGuardDuty | undefined;
    const server = createServer((request, response) => {
      fake!.handle(request, response).catch((error: unknown) => {
        response.statusCode = 500;
        response.end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeGuardDuty(server, `http://127.0.0.1:${port}`);
    for (const id of acceptedAccessKeyIds) fake.acceptedAccessKeyIds.add(id);
    return fake;
  }

  addDetector(overrides: Partial<Omit<FakeDetector, 'findings'>> = {}): FakeDetector {
    const detector: FakeDetector = {
      id: overrides.id ?? randomBytes(16).toString('hex'),
      status: overrides.status ?? 'ENABLED',
      findingPublishingFrequency: overrides.findingPublishingFrequency ?? 'SIX_HOURS',
      createdAt: overrides.createdAt ?? '2024-01-02T03:04:05.000Z',
      updatedAt: overrides.updatedAt ?? '2024-01-02T03:04:05.000Z',
      findings: [],
    };
    this.detectors.set(detector.id, detector);
    return detector;
  }

  /** Adds `count` findings; severities cycle 1.0, 2.5, ... 8.5 unless given. */
  addFindings(detectorId: string, count: number, severity: (index: number) => number = (i) => [1, 2.5, 4, 5.5, 7, 8.5][i % 6]!): FakeFinding[] {
    const detector = this.detectors.get(detectorId)!;
    const added = Array.from({ length: count }, (_, index) => ({
      id: randomBytes(16).toString('hex'),
      severity: severity(index),
      type: 'Recon:EC2/PortProbeUnprotectedPort',
      title: `Unprotected port probed (${detector.findings.length + index + 1})`,
      createdAt: '2024-02-01T00:00:00.000Z',
      updatedAt: '2024-02-01T00:00:00.000Z',
    }));
    detector.findings.push(...added);
    return added;
  }

  /** Makes the next `times` matching requests (any operation unless named) fail as `kind`. */
  failNext(kind: FailureKind, options: { times?: number; operation?: GuardDutyOperation } = {}): void {
    this.failures.push({ kind, operation: options.operation ?? null, remaining: options.times ?? 1 });
  }

  clearFailures(): void {
    this.failures = [];
  }

  requestsOf(operation: GuardDutyOperation): RecordedRequest[] {
    return this.requests.filter((request) => request.operation === operation);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', this.url);
    const routed = route(request.method ?? 'GET', url.pathname);
    const accessKeyId = /Credential=([^/,\s]+)\//.exec(request.headers.authorization ?? '')?.[1] ?? null;
    const body = text === '' ? null : (JSON.parse(text) as Record<string, unknown>);
    const recorded: RecordedRequest = { operation: routed?.operation ?? 'unknown', method: request.method ?? '', path: url.pathname, accessKeyId, body, status: 0 };
    this.requests.push(recorded);
    const send = (status: number, payload: unknown, errorType?: string): void => {
      recorded.status = status;
      response.statusCode = status;
      response.setHeader('content-type', 'application/json');
      response.setHeader('x-amzn-requestid', randomBytes(8).toString('hex'));
      if (errorType !== undefined) response.setHeader('x-amzn-errortype', errorType);
      response.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
    };
    const error = (status: number, type: string, message: string): void => send(status, { __type: type, message }, type);

    if (routed === null) return error(404, 'BadRequestException', `no route for ${request.method} ${url.pathname}`);
    if (accessKeyId === null || !this.acceptedAccessKeyIds.has(accessKeyId)) {
      return error(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
    }
    const failure = this.failures.find((pending) => pending.remaining > 0 && (pending.operation === null || pending.operation === routed.operation));
    if (failure !== undefined) {
      failure.remaining -= 1;
      switch (failure.kind) {
        case 'throttle':
          return error(429, 'ThrottlingException', 'Rate exceeded');
        case 'access-denied':
          return error(403, 'AccessDeniedException', `User: arn:aws:iam::${FAKE_ACCOUNT_ID}:user/collector is not authorized to perform: guardduty:${routed.operation}`);
        case 'server-error':
          return error(500, 'InternalServerErrorException', 'Internal server error');
        case 'invalid-json':
          return send(200, '{"detectorIds": ["abc", ');
        case 'wrong-shape':
          return send(200, routed.operation === 'GetFindings' ? { findings: [{ severity: 'high', title: 42 }] } : { detectorIds: 'not-a-list', findingIds: 7 });
      }
    }
    return this.answer(routed.operation, routed.detectorId, url, body, send, error);
  }

  private answer(
    operation: GuardDutyOperation,
    detectorId: string | null,
    url: URL,
    body: Record<string, unknown> | null,
    send: (status: number, payload: unknown) => void,
    error: (status: number, type: string, message: string) => void,
  ): void {
    const detector = detectorId === null ? undefined : this.detectors.get(detectorId);
    if (detectorId !== null && detector === undefined) {
      return error(400, 'BadRequestException', 'The request is rejected because the input detectorId is not owned by the current account.');
    }
    switch (operation) {
      case 'ListDetectors': {
        const max = Math.min(Number(url.searchParams.get('maxResults') ?? 50), this.pageSize);
        const result = page([...this.detectors.keys()], max, url.searchParams.get('nextToken'));
        return send(200, { detectorIds: result.items, ...(result.nextToken ? { nextToken: result.nextToken } : {}) });
      }
      case 'GetDetector':
        return send(200, {
          createdAt: detector!.createdAt,
          findingPublishingFrequency: detector!.findingPublishingFrequency,
          serviceRole: `arn:aws:iam::${FAKE_ACCOUNT_ID}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
          status: detector!.status,
          updatedAt: detector!.updatedAt,
          features: [
            { name: 'CLOUD_TRAIL', status: 'ENABLED', updatedAt: 1_704_164_645 },
            { name: 'S3_DATA_EVENTS', status: detector!.status, updatedAt: 1_704_164_645 },
          ],
          tags: {},
        });
      case 'ListFindings': {
        const criterion = ((body?.['findingCriteria'] as Record<string, unknown> | undefined)?.['criterion'] ?? {}) as Record<string, Record<string, number>>;
        const minSeverity = criterion['severity']?.['greaterThanOrEqual'] ?? criterion['severity']?.['gte'];
        let findings = detector!.findings.filter((finding) => minSeverity === undefined || finding.severity >= minSeverity);
        const sort = body?.['sortCriteria'] as { attributeName?: string; orderBy?: string } | undefined;
        if (sort?.attributeName === 'updatedAt') {
          findings = [...findings].sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) * (sort.orderBy === 'DESC' ? -1 : 1));
        }
        const max = Math.min(Number(body?.['maxResults'] ?? 50), this.pageSize);
        const result = page(findings.map((finding) => finding.id), max, body?.['nextToken']);
        return send(200, { findingIds: result.items, ...(result.nextToken ? { nextToken: result.nextToken } : {}) });
      }
      case 'GetFindings': {
        const ids = (body?.['findingIds'] ?? []) as string[];
        if (ids.length > 50) return error(400, 'BadRequestException', '1 validation error detected: findingIds must have at most 50 items');
        const byId = new Map(detector!.findings.map((finding) => [finding.id, finding]));
        const found = ids.map((id) => byId.get(id)).filter((finding): finding is FakeFinding => finding !== undefined);
        return send(200, { findings: found.map((finding) => findingOnWire(detector!, finding)) });
      }
    }
  }
}
