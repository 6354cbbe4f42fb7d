import { AgentInstanceEntity } from '../../entities';
import { notFound } from '../errors/domain-error';
import type { ChangeTransaction } from '../events/change-transaction';

/** The visible (not deleted) agent, row-locked for the rest of the caller's transaction; NOT_FOUND otherwise. */
export async function lockLiveAgent(tx: ChangeTransaction, agentId: string): Promise<AgentInstanceEntity> {
  const agent = await tx.manager
    .getRepository(AgentInstanceEntity)
    .createQueryBuilder('a')
    .setLock('pessimistic_write')
    .where('a.id = :agentId AND a.deleted_at IS NULL', { agentId })
    .getOne();
  if (agent === null) throw notFound('agent', agentId);
  return agent;
}
