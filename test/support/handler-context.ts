import { randomUUID } from 'node:crypto';
import type { TaskContext } from '../../src/agents/agent-type';
import type { Actor, Services } from '../../src/services';
import { openConfig } from '../../src/services/agents/agent-config';
import type { LogLevel } from '../../src/services/events/event-types';

export interface HandlerContextOptions {
  payload?: unknown;
  taskId?: string;
  attempt?: number;
  controller?: AbortController;
}

/**
 * A TaskContext built from real services, as the worker builds it: the agent's stored config
 * decrypted by the real SecretBox, evidence through the real ledger, log lines through
 * services.changes. For calling task handlers directly.
 */
export async function handlerContext<Config>(services: Services, agentId: string, options: HandlerContextOptions = {}): Promise<TaskContext<Config>> {
  const agent = await services.agents.get(agentId);
  if (agent === null) throw new Error(`agent ${agentId} does not exist`);
  const taskId = options.taskId ?? randomUUID();
  const actor: Actor = { name: 'worker:test', correlationId: `task:${taskId}` };
  return {
    taskId,
    agentId,
    attempt: options.attempt ?? 1,
    payload: options.payload ?? {},
    config: openConfig(agentId, agent.config, services.secretBox) as Config,
    signal: (options.controller ?? new AbortController()).signal,
    log: {
      async log(level: LogLevel, message: string, metadata?: Record<string, unknown>) {
        await services.changes.run(actor, (tx) => tx.log({ agentId, taskId, level, message, metadata: metadata ?? null }));
      },
    },
    evidence: services.evidence.recorder(actor, agentId, taskId),
  };
}
