import { abortableSleep } from '../abortable-sleep';
import type { TaskTypeDefinition } from '../agent-type';
import type { HealthCheckConfig } from './health-check.agent';

interface NoopPayload {
  sleepMs?: number;
  failTimes?: number;
  output?: unknown;
}

/** Sleeps, fails its first `failTimes` attempts, then succeeds with { output, attempt }. */
export const noopTask: TaskTypeDefinition<HealthCheckConfig> = {
  description: 'Sleeps sleepMs, fails the first failTimes attempts, then returns { output, attempt }.',
  payloadSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      sleepMs: { type: 'integer', minimum: 0, maximum: 86_400_000 },
      failTimes: { type: 'integer', minimum: 0, maximum: 1000 },
      output: {},
    },
  },
  async handle({ payload, attempt, signal }) {
    const { sleepMs = 0, failTimes = 0, output = null } = (payload ?? {}) as NoopPayload;
    if (sleepMs > 0) await abortableSleep(sleepMs, signal);
    if (attempt <= failTimes) throw new Error(`noop failing attempt ${attempt} of ${failTimes} on purpose`);
    return { output, attempt };
  },
};
