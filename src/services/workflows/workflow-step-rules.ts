import type { AgentRegistry } from '../../agents/agent-registry';
import {
  MAX_ATTEMPTS_RANGE,
  ON_FAILURE_POLICIES,
  PRIORITY_RANGE,
  STEP_DEFAULTS,
  STEP_ID_PATTERN,
  TIMEOUT_SECONDS_RANGE,
  type OnFailurePolicy,
  type WorkflowStepDefinition,
} from './workflow-definition';
import { checkInteger, checkKeys, checkOptionalString, isPlainObject, type ProblemList } from './workflow-problems';

export const STEP_KEYS = ['id', 'task', 'agentType', 'agent', 'payload', 'dependsOn', 'maxAttempts', 'timeoutSeconds', 'priority', 'onFailure'] as const;

/** Longest `agent:` reference (a name or an id), in characters. */
const MAX_AGENT_REFERENCE_LENGTH = 200;

/**
 * Checks one step's own fields (not its relations to other steps) and returns it
 * normalised, with null for fields that are wrong (their problems are already listed).
 */
export function checkStep(problems: ProblemList, registry: AgentRegistry, raw: unknown, index: number): (Omit<WorkflowStepDefinition, 'id'> & { id: string | null }) | null {
  const path = ['steps', index] as const;
  if (!isPlainObject(raw)) {
    problems.add('a step must be a mapping with at least id and task', path);
    return null;
  }
  checkKeys(problems, raw, STEP_KEYS, path, 'a step');

  let id: string | null = null;
  if (raw['id'] === undefined || raw['id'] === null) problems.add('id is required', path);
  else if (typeof raw['id'] !== 'string' || !STEP_ID_PATTERN.test(raw['id'])) {
    problems.add('id must be letters, digits, "-" or "_"', [...path, 'id']);
  } else id = raw['id'];

  const task = checkOptionalString(problems, raw, 'task', path);
  if (task === null) problems.add('task is required', path);
  else if (typeof task === 'string' && registry.typesAccepting(task).length === 0) {
    const known = [...new Set(registry.list().flatMap((type) => Object.keys(type.taskTypes)))].sort();
    problems.add(`unknown task type "${task}"; known: ${known.join(', ')}`, [...path, 'task']);
  }

  const agentType = checkOptionalString(problems, raw, 'agentType', path);
  if (typeof agentType === 'string') {
    const type = registry.get(agentType);
    if (type === undefined) {
      problems.add(`unknown agent type "${agentType}"; known: ${registry.list().map((known) => known.key).join(', ')}`, [...path, 'agentType']);
    } else if (typeof task === 'string' && registry.typesAccepting(task).length > 0 && !Object.hasOwn(type.taskTypes, task)) {
      problems.add(`agent type "${agentType}" does not accept task "${task}"; it accepts: ${Object.keys(type.taskTypes).join(', ')}`, [...path, 'agentType']);
    }
  }

  // Only the shape: the agent may be created after the workflow, so it is looked up when the step starts.
  const agent = checkOptionalString(problems, raw, 'agent', path);
  if (typeof agent === 'string' && (agent.trim() === '' || agent.length > MAX_AGENT_REFERENCE_LENGTH)) {
    problems.add(`agent must name an agent (its name or id, 1 to ${MAX_AGENT_REFERENCE_LENGTH} characters)`, [...path, 'agent']);
  }
  if (typeof agent === 'string' && typeof agentType === 'string') problems.add('give agentType or agent, not both', [...path, 'agent']);

  let payload: Record<string, unknown> = {};
  if (raw['payload'] !== undefined && raw['payload'] !== null) {
    if (isPlainObject(raw['payload'])) payload = raw['payload'];
    else problems.add('payload must be a mapping', [...path, 'payload']);
  }

  const dependsOn: string[] = [];
  const rawDeps = raw['dependsOn'];
  if (rawDeps !== undefined && rawDeps !== null) {
    if (!Array.isArray(rawDeps)) problems.add('dependsOn must be a list of step ids', [...path, 'dependsOn']);
    else {
      rawDeps.forEach((dep: unknown, at) => {
        if (typeof dep !== 'string') problems.add('dependsOn must list step ids (strings)', [...path, 'dependsOn', at]);
        else if (!dependsOn.includes(dep)) dependsOn.push(dep);
      });
    }
  }

  const maxAttempts = checkInteger(problems, raw, 'maxAttempts', path, MAX_ATTEMPTS_RANGE, STEP_DEFAULTS.maxAttempts);
  const timeoutSeconds = checkInteger(problems, raw, 'timeoutSeconds', path, TIMEOUT_SECONDS_RANGE, null);
  const priority = checkInteger(problems, raw, 'priority', path, PRIORITY_RANGE, STEP_DEFAULTS.priority);

  let onFailure: OnFailurePolicy = STEP_DEFAULTS.onFailure;
  const rawPolicy = raw['onFailure'];
  if (rawPolicy !== undefined && rawPolicy !== null) {
    if (typeof rawPolicy === 'string' && (ON_FAILURE_POLICIES as readonly string[]).includes(rawPolicy)) onFailure = rawPolicy as OnFailurePolicy;
    else problems.add(`onFailure must be one of: ${ON_FAILURE_POLICIES.join(', ')}`, [...path, 'onFailure']);
  }

  return {
    id,
    task: typeof task === 'string' ? task : '',
    agentType: typeof agentType === 'string' ? agentType : null,
    agent: typeof agent === 'string' ? agent : null,
    payload,
    dependsOn,
    maxAttempts: maxAttempts ?? STEP_DEFAULTS.maxAttempts,
    timeoutSeconds: timeoutSeconds ?? null,
    priority: priority ?? STEP_DEFAULTS.priority,
    onFailure,
  };
}
