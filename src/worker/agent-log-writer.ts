import type { AgentLogger } from '../agents/agent-type';
import type { Actor, Services } from '../services';

/** Handlers' log lines: each is an agent_logs row and its LOG event, written in its own transaction. */
export function agentLogWriter(services: Services, actor: Actor, agentId: string, taskId: string | null): AgentLogger {
  return {
    async log(level, message, metadata) {
      await services.changes.run(actor, (tx) => tx.log({ agentId, taskId, level, message: message.slice(0, 8000), metadata: metadata ?? null }));
    },
  };
}
