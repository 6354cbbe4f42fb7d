import type { JobHelpers } from 'graphile-worker';
import type { AgentLogger } from '../agents/agent-type';
import type { Services } from '../services';
import { isUuid } from '../services/common/ids';

/** graphile-worker task `agent.start`: runs the agent type's start hook and records RUNNING or ERROR. */
export function agentStartJob(services: Services, workerId: string, agentLogger: (agentId: string) => AgentLogger) {
  return async (payload: unknown, helpers: JobHelpers): Promise<void> => {
    const agentId = (payload as { agentId?: unknown } | null)?.agentId;
    if (typeof agentId !== 'string' || !isUuid(agentId)) {
      helpers.logger.error(`agent.start job ${helpers.job.id} has no valid agentId; dropping it`);
      return;
    }
    await services.lifecycle.completeStart({ name: `worker:${workerId}`, correlationId: `job:${helpers.job.id}` }, agentId, agentLogger);
  };
}
