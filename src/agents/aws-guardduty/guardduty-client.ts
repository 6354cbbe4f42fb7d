import { GuardDutyClient } from '@aws-sdk/client-guardduty';
// The retry strategies of the AWS SDK v3 live in @smithy/core, which @aws-sdk/client-guardduty depends on.
import { ConfiguredRetryStrategy } from '@smithy/core/retry';

/** The agent's config, secrets decrypted (see the configSchema in aws-guardduty.agent.ts). */
export interface GuardDutyAgentConfig {
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Another GuardDuty-compatible endpoint (e.g. a local test server); default: the AWS one of the region. */
  endpoint?: string;
}

/** Attempts per AWS call, the first included: throttling and transient errors are retried up to 4 times. */
export const GUARDDUTY_MAX_ATTEMPTS = 5;
/** Delay before the first retry, in ms; doubled per retry (with jitter), capped by GUARDDUTY_MAX_RETRY_DELAY_MS. */
export const GUARDDUTY_RETRY_BASE_DELAY_MS = 200;
/** Longest wait between two attempts, in ms. */
export const GUARDDUTY_MAX_RETRY_DELAY_MS = 5_000;
/** Time to open a connection, in ms. */
const CONNECTION_TIMEOUT_MS = 5_000;
/** Time for one request to answer, in ms. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Backoff of retry number `attempt` (1 for the first retry): exponential with "equal jitter",
 * so many collectors throttled together do not retry in lockstep. The SDK's standard strategy
 * decides what is retryable (429, ThrottlingException, 5xx, timeouts) and keeps its retry quota.
 */
export function guardDutyBackoffMs(attempt: number): number {
  const ceiling = Math.min(GUARDDUTY_MAX_RETRY_DELAY_MS, GUARDDUTY_RETRY_BASE_DELAY_MS * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/** A client with the agent's static credentials; the caller destroys it when done. */
export function createGuardDutyClient(config: GuardDutyAgentConfig): GuardDutyClient {
  return new GuardDutyClient({
    region: config.region,
    credentials: {
      accessKeyId: config.accessKeyId,
      secretAccessKey: config.secretAccessKey,
      ...(config.sessionToken ? { sessionToken: config.sessionToken } : {}),
    },
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    maxAttempts: GUARDDUTY_MAX_ATTEMPTS,
    retryStrategy: new ConfiguredRetryStrategy(GUARDDUTY_MAX_ATTEMPTS, guardDutyBackoffMs),
    requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS },
  });
}
