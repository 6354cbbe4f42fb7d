import type { LogLevel } from '../services/events/event-types';

/** A JSON Schema object as the catalogue publishes it (secret fields carry "x-secret": true). */
export type JsonSchema = Record<string, unknown>;

/** Writes agent_logs lines (and their LOG events) for the agent running a task. */
export interface AgentLogger {
  log(level: LogLevel, message: string, metadata?: Record<string, unknown>): Promise<void>;
}

/**
 * A failure no retry can fix (denied access, a malformed answer): the task fails at once
 * instead of using its remaining attempts. The engine recognises any error with
 * `retryable === false`.
 */
export class PermanentTaskError extends Error {
  readonly retryable = false;

  constructor(message: string) {
    super(message);
    this.name = 'PermanentTaskError';
  }
}

/** Whether a handler's error says retrying cannot help. */
export function isPermanentFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { retryable?: unknown }).retryable === false;
}

/** One evidence record a handler collected; the ledger adds the chain, hash and signature. */
export interface EvidenceInput {
  source: string;
  kind: string;
  /** The provider's id (e.g. a finding id). */
  externalId?: string | null;
  /** The provider's version of it (e.g. updatedAt): a record already stored at this version is not stored again. */
  externalVersion?: string | null;
  data: unknown;
}

/** Appends evidence to the running agent's hash chain. */
export interface EvidenceRecorder {
  /** `created` is false when the same externalId and externalVersion were already collected. */
  append(record: EvidenceInput): Promise<{ id: string; created: boolean }>;
}

export interface TaskContext<Config> {
  taskId: string;
  agentId: string;
  /** 1 for the first attempt. */
  attempt: number;
  payload: unknown;
  /** The agent's config with secrets decrypted. Never log it. */
  config: Config;
  /** Aborted on timeout, cancel or worker shutdown: handlers must stop promptly. */
  signal: AbortSignal;
  log: AgentLogger;
  evidence: EvidenceRecorder;
}

export interface StartContext<Config> {
  agentId: string;
  config: Config;
  signal: AbortSignal;
  log: AgentLogger;
}

export interface TaskTypeDefinition<Config> {
  description: string;
  /** Validated at distributeTask, so a bad payload is refused before it is queued. */
  payloadSchema: JsonSchema;
  /** Returns the task's result (any JSON); throwing fails the attempt. */
  handle(context: TaskContext<Config>): Promise<unknown>;
}

/** One kind of agent the factory can run: adding a type is a folder and a line in the registry. */
export interface AgentTypeDefinition<Config = Record<string, unknown>> {
  key: string;
  description: string;
  configSchema: JsonSchema;
  taskTypes: Readonly<Record<string, TaskTypeDefinition<Config>>>;
  /** Runs in a worker job on startAgent; throwing puts the agent in ERROR with the message. */
  start?(context: StartContext<Config>): Promise<void>;
}

/** Top-level config fields marked "x-secret": true, which are encrypted at rest and masked on output. */
export function secretFields(schema: JsonSchema): string[] {
  const properties = schema['properties'];
  if (typeof properties !== 'object' || properties === null) return [];
  return Object.entries(properties as Record<string, unknown>)
    .filter(([, field]) => typeof field === 'object' && field !== null && (field as Record<string, unknown>)['x-secret'] === true)
    .map(([name]) => name);
}
