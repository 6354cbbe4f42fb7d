"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.GuardDutyApi = exports.GET_FINDINGS_BATCH_SIZE = void 0;
exports.withGuardDutyApi = withGuardDutyApi;
const client_guardduty_1 = require("@aws-sdk/client-guardduty");
const canonical_json_1 = require("../../services/evidence/canonical-json");
const guardduty_client_1 = require("./guardduty-client");
const guardduty_errors_1 = require("./guardduty-errors");
/** Largest page ListDetectors and ListFindings accept. */
const PAGE_SIZE = 50;
/** Largest batch GetFindings accepts. */
exports.GET_FINDINGS_BATCH_SIZE = 50;
function isStringArray(value) {
    return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
function optionalString(value, operation, field) {
    if (value === undefined || value === null)
        return null;
    if (typeof value !== 'string')
        throw new guardduty_errors_1.MalformedResponseError(operation, `${field} is not a string`);
    return value;
}
/**
 * The four GuardDuty calls the agent makes, through one SDK client: each passes the task's
 * AbortSignal, checks the response's shape, and turns failures into clear errors without secrets.
 */
class GuardDutyApi {
    signal;
    client;
    secrets;
    constructor(config, signal) {
        this.signal = signal;
        this.client = (0, guardduty_client_1.createGuardDutyClient)(config);
        this.secrets = [config.secretAccessKey, config.sessionToken];
    }
    /** Releases the client's sockets. */
    close() {
        this.client.destroy();
    }
    /** Every detector id of the account in the region (all pages). */
    async listDetectorIds() {
        const ids = [];
        let nextToken;
        do {
            const page = await this.call('ListDetectors', (abortSignal) => this.client.send(new client_guardduty_1.ListDetectorsCommand({ MaxResults: PAGE_SIZE, NextToken: nextToken }), { abortSignal }));
            if (!isStringArray(page.DetectorIds))
                throw new guardduty_errors_1.MalformedResponseError('ListDetectors', 'detectorIds is not a list of strings');
            ids.push(...page.DetectorIds);
            nextToken = optionalString(page.NextToken, 'ListDetectors', 'nextToken') || undefined;
        } while (nextToken !== undefined);
        return ids;
    }
    /** One ListDetectors call: proves the credentials work. */
    async checkAccess() {
        await this.call('ListDetectors', (abortSignal) => this.client.send(new client_guardduty_1.ListDetectorsCommand({ MaxResults: 1 }), { abortSignal }));
    }
    async getDetector(detectorId) {
        const detector = await this.call('GetDetector', (abortSignal) => this.client.send(new client_guardduty_1.GetDetectorCommand({ DetectorId: detectorId }), { abortSignal }));
        if (typeof detector.Status !== 'string')
            throw new guardduty_errors_1.MalformedResponseError('GetDetector', 'status is missing');
        if (detector.Features !== undefined && !Array.isArray(detector.Features))
            throw new guardduty_errors_1.MalformedResponseError('GetDetector', 'features is not a list');
        return {
            detectorId,
            status: detector.Status,
            serviceRole: optionalString(detector.ServiceRole, 'GetDetector', 'serviceRole'),
            findingPublishingFrequency: optionalString(detector.FindingPublishingFrequency, 'GetDetector', 'findingPublishingFrequency'),
            // Feature dates are Date objects in the SDK: stored as ISO strings.
            features: (0, canonical_json_1.toJsonValue)(detector.Features ?? []),
            createdAt: optionalString(detector.CreatedAt, 'GetDetector', 'createdAt'),
            updatedAt: optionalString(detector.UpdatedAt, 'GetDetector', 'updatedAt'),
        };
    }
    /** Finding ids with severity >= minSeverity (when given), most recently updated first, at most `limit`. */
    async listFindingIds(detectorId, minSeverity, limit) {
        const ids = [];
        let nextToken;
        do {
            const page = await this.call('ListFindings', (abortSignal) => this.client.send(new client_guardduty_1.ListFindingsCommand({
                DetectorId: detectorId,
                // The criterion takes whole numbers; fractional thresholds are applied again to the fetched findings.
                ...(minSeverity === undefined ? {} : { FindingCriteria: { Criterion: { severity: { GreaterThanOrEqual: Math.floor(minSeverity) } } } }),
                SortCriteria: { AttributeName: 'updatedAt', OrderBy: 'DESC' },
                MaxResults: Math.min(PAGE_SIZE, limit - ids.length),
                NextToken: nextToken,
            }), { abortSignal }));
            if (!isStringArray(page.FindingIds))
                throw new guardduty_errors_1.MalformedResponseError('ListFindings', 'findingIds is not a list of strings');
            ids.push(...page.FindingIds.slice(0, limit - ids.length));
            nextToken = optionalString(page.NextToken, 'ListFindings', 'nextToken') || undefined;
        } while (nextToken !== undefined && ids.length < limit);
        return ids;
    }
    /** The findings of at most GET_FINDINGS_BATCH_SIZE ids. */
    async getFindings(detectorId, ids) {
        const response = await this.call('GetFindings', (abortSignal) => this.client.send(new client_guardduty_1.GetFindingsCommand({ DetectorId: detectorId, FindingIds: ids }), { abortSignal }));
        if (!Array.isArray(response.Findings))
            throw new guardduty_errors_1.MalformedResponseError('GetFindings', 'findings is not a list');
        return response.Findings.map((finding, index) => {
            if (typeof finding !== 'object' || finding === null)
                throw new guardduty_errors_1.MalformedResponseError('GetFindings', `findings[${index}] is not an object`);
            if (typeof finding.Id !== 'string' || finding.Id === '')
                throw new guardduty_errors_1.MalformedResponseError('GetFindings', `findings[${index}].id is missing`);
            if (typeof finding.UpdatedAt !== 'string' || finding.UpdatedAt === '')
                throw new guardduty_errors_1.MalformedResponseError('GetFindings', `findings[${index}].updatedAt is missing`);
            if (typeof finding.Severity !== 'number')
                throw new guardduty_errors_1.MalformedResponseError('GetFindings', `findings[${index}].severity is not a number`);
            return finding;
        });
    }
    async call(operation, send) {
        this.signal.throwIfAborted();
        try {
            return await send(this.signal);
        }
        catch (error) {
            throw (0, guardduty_errors_1.describeGuardDutyFailure)(operation, error, this.signal, this.secrets);
        }
    }
}
exports.GuardDutyApi = GuardDutyApi;
/** Runs work against GuardDuty and always releases the client. */
async function withGuardDutyApi(config, signal, work) {
    const api = new GuardDutyApi(config, signal);
    try {
        return await work(api);
    }
    finally {
        api.close();
    }
}
//# sourceMappingURL=guardduty-api.js.map