"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.GUARDDUTY_MAX_RETRY_DELAY_MS = exports.GUARDDUTY_RETRY_BASE_DELAY_MS = exports.GUARDDUTY_MAX_ATTEMPTS = void 0;
exports.guardDutyBackoffMs = guardDutyBackoffMs;
exports.createGuardDutyClient = createGuardDutyClient;
const client_guardduty_1 = require("@aws-sdk/client-guardduty");
// The retry strategies of the AWS SDK v3 live in @smithy/core, which @aws-sdk/client-guardduty depends on.
const retry_1 = require("@smithy/core/retry");
/** Attempts per AWS call, the first included: throttling and transient errors are retried up to 4 times. */
exports.GUARDDUTY_MAX_ATTEMPTS = 5;
/** Delay before the first retry, in ms; doubled per retry (with jitter), capped by GUARDDUTY_MAX_RETRY_DELAY_MS. */
exports.GUARDDUTY_RETRY_BASE_DELAY_MS = 200;
/** Longest wait between two attempts, in ms. */
exports.GUARDDUTY_MAX_RETRY_DELAY_MS = 5_000;
/** Time to open a connection, in ms. */
const CONNECTION_TIMEOUT_MS = 5_000;
/** Time for one request to answer, in ms. */
const REQUEST_TIMEOUT_MS = 30_000;
/**
 * Backoff of retry number `attempt` (1 for the first retry): exponential with "equal jitter",
 * so many collectors throttled together do not retry in lockstep. The SDK's standard strategy
 * decides what is retryable (429, ThrottlingException, 5xx, timeouts) and keeps its retry quota.
 */
function guardDutyBackoffMs(attempt) {
    const ceiling = Math.min(exports.GUARDDUTY_MAX_RETRY_DELAY_MS, exports.GUARDDUTY_RETRY_BASE_DELAY_MS * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}
/** A client with the agent's static credentials; the caller destroys it when done. */
function createGuardDutyClient(config) {
    return new client_guardduty_1.GuardDutyClient({
        region: config.region,
        credentials: {
            accessKeyId: config.accessKeyId,
            secretAccessKey: config.secretAccessKey,
            ...(config.sessionToken ? { sessionToken: config.sessionToken } : {}),
        },
        ...(config.endpoint ? { endpoint: config.endpoint } : {}),
        maxAttempts: exports.GUARDDUTY_MAX_ATTEMPTS,
        retryStrategy: new retry_1.ConfiguredRetryStrategy(exports.GUARDDUTY_MAX_ATTEMPTS, guardDutyBackoffMs),
        requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS },
    });
}
//# sourceMappingURL=guardduty-client.js.map