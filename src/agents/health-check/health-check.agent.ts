import type { AgentTypeDefinition } from '../agent-type';
import { httpCheckTask } from './http-check.task';
import { noopTask } from './noop.task';

export interface HealthCheckConfig {
  /** Default URL of http.check when its payload names none. */
  url?: string;
}

export const healthCheckAgent: AgentTypeDefinition<HealthCheckConfig> = {
  key: 'health-check',
  description: 'Checks that things answer: a no-op task for testing the pipeline and a real HTTP GET check.',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      url: { type: 'string', format: 'uri', maxLength: 2048, description: 'Default URL for http.check' },
    },
  },
  taskTypes: {
    noop: noopTask,
    'http.check': httpCheckTask,
  },
};
