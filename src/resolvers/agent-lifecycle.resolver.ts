import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Role } from '../schema/enums';
import { Agent } from '../schema/types/agent.type';
import { actorOf, type RequestContext } from './context';
import { agentView } from './views';

@Resolver(() => Agent)
export class AgentLifecycleResolver {
  @Authorized(Role.OPERATOR)
  @Mutation(() => Agent, { description: 'Returns at STARTING; RUNNING (or ERROR) follows.' })
  async startAgent(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string): Promise<Agent> {
    return agentView(await context.services.lifecycle.start(actorOf(context), id), context.services.registry);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Agent, { description: 'Running tasks finish, queued ones are cancelled.' })
  async stopAgent(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string): Promise<Agent> {
    return agentView(await context.services.lifecycle.stop(actorOf(context), id), context.services.registry);
  }
}
