import type { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { Agent, AgentStatusEvent } from '../schema/types/agent.type';
import { maskConfig } from '../services/agents/agent-config';
import type { RequestContext } from './context';
import { agentFromSnapshot, type AgentStatusEventRoot } from './live-views';
import { selectsField } from './selection';

@Resolver(() => AgentStatusEvent)
export class AgentStatusEventResolver {
  /**
   * The agent as of the event (its snapshot), so a quick succession of changes is told
   * faithfully. Only `config`, which events never carry, is read, and only when selected,
   * through the per-event loader (subscriptions get fresh loaders for every event).
   */
  @FieldResolver(() => Agent)
  async agent(@Root() root: AgentStatusEventRoot, @Ctx() { loaders, services }: RequestContext, @Info() info: GraphQLResolveInfo): Promise<Agent> {
    if (!selectsField(info, 'config')) return agentFromSnapshot(root.snapshot, {}, null);
    const entity = await loaders.agentById.load(root.snapshot.id);
    if (entity === null) return agentFromSnapshot(root.snapshot, {}, null);
    return agentFromSnapshot(root.snapshot, maskConfig(services.registry.get(entity.type), entity.config), entity.deletedAt);
  }
}
