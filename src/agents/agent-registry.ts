import type { AgentTypeDefinition } from './agent-type';
import { awsGuardDutyAgent } from './aws-guardduty/aws-guardduty.agent';
import { healthCheckAgent } from './health-check/health-check.agent';

/** The agent factory's catalogue. Adding a type: a folder under src/agents and one line here. */
const catalogue: readonly AgentTypeDefinition<never>[] = [healthCheckAgent as AgentTypeDefinition<never>, awsGuardDutyAgent as AgentTypeDefinition<never>];

export class AgentRegistry {
  private readonly types = new Map<string, AgentTypeDefinition<Record<string, unknown>>>();

  constructor(definitions: readonly AgentTypeDefinition<never>[] = catalogue) {
    for (const definition of definitions) this.types.set(definition.key, definition as unknown as AgentTypeDefinition<Record<string, unknown>>);
  }

  list(): AgentTypeDefinition<Record<string, unknown>>[] {
    return [...this.types.values()];
  }

  get(key: string): AgentTypeDefinition<Record<string, unknown>> | undefined {
    return this.types.get(key);
  }

  /** Agent types whose agents accept the task type. */
  typesAccepting(taskType: string): string[] {
    return this.list()
      .filter((definition) => Object.hasOwn(definition.taskTypes, taskType))
      .map((definition) => definition.key);
  }
}
