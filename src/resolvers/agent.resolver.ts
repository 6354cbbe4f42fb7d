import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Role } from '../schema/enums';
import { AgentFilterInput, CreateAgentInput, UpdateAgentInput } from '../schema/inputs/agent.inputs';
import { Agent, AgentConnection, AgentTypeInfo } from '../schema/types/agent.type';
import { toConnection } from '../schema/types/connection.type';
import type { AgentInstanceEntity } from '../entities';
import { requireRole } from './auth-checker';
import { actorOf, type RequestContext } from './context';
import { agentView } from './views';

@Resolver(() => Agent)
export class AgentResolver {
  @Authorized()
  @Query(() => [AgentTypeInfo])
  agentTypes(@Ctx() { services }: RequestContext): AgentTypeInfo[] {
    return services.registry.list().map((type) => ({
      key: type.key,
      description: type.description,
      configSchema: type.configSchema,
      taskTypes: Object.keys(type.taskTypes),
    }));
  }

  @Authorized()
  @Query(() => AgentConnection)
  async agents(
    @Ctx() { services }: RequestContext,
    @Arg('filter', () => AgentFilterInput, { nullable: true }) filter: AgentFilterInput | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    const page = await services.agents.list(filter ?? {}, { first, after });
    return toConnection(page, (entity) => agentView(entity, services.registry));
  }

  // The hottest read (a dashboard polls every agent's status): its role is checked here rather
  // than by @Authorized (same rule, same errors), so a cached agent is answered in the same turn.
  @Query(() => Agent, { nullable: true })
  agent(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string): Agent | null | Promise<Agent | null> {
    requireRole(context, Role.VIEWER);
    const { services } = context;
    const view = (entity: AgentInstanceEntity | null): Agent | null => (entity === null ? null : agentView(entity, services.registry));
    const found = services.agents.find(id);
    return found instanceof Promise ? found.then(view) : view(found);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Agent)
  async createAgent(@Ctx() context: RequestContext, @Arg('input', () => CreateAgentInput) input: CreateAgentInput): Promise<Agent> {
    const entity = await context.services.agents.create(actorOf(context), input);
    return agentView(entity, context.services.registry);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Agent)
  async updateAgent(
    @Ctx() context: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateAgentInput) input: UpdateAgentInput,
  ): Promise<Agent> {
    const entity = await context.services.agents.update(actorOf(context), id, input);
    return agentView(entity, context.services.registry);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Boolean, { description: 'Hides the agent and frees its name; refuses while its tasks run.' })
  async deleteAgent(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string): Promise<boolean> {
    return context.services.agents.delete(actorOf(context), id);
  }
}
