import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Role } from '../schema/enums';
import { AgentFilterInput, CreateAgentInput, UpdateAgentInput } from '../schema/inputs/agent.inputs';
import { Agent, AgentConnection, AgentTypeInfo } from '../schema/types/agent.type';
import { toConnection } from '../schema/types/connection.type';
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

  @Authorized()
  @Query(() => Agent, { nullable: true })
  async agent(@Ctx() { services }: RequestContext, @Arg('id', () => ID) id: string): Promise<Agent | null> {
    const entity = await services.agents.get(id);
    return entity === null ? null : agentView(entity, services.registry);
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
