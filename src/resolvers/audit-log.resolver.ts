import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { LogLevel } from '../schema/enums';
import { Agent } from '../schema/types/agent.type';
import { AgentLog, AgentLogConnection } from '../schema/types/agent-log.type';
import { toConnection } from '../schema/types/connection.type';
import type { RequestContext } from './context';
import { agentView, logView } from './views';

@Resolver(() => AgentLog)
export class AuditLogResolver {
  @Authorized()
  @Query(() => AgentLogConnection, { description: 'The audit log, newest first.' })
  async auditLog(
    @Ctx() { services }: RequestContext,
    @Arg('agentId', () => ID, { nullable: true }) agentId: string | null,
    @Arg('actor', () => String, { nullable: true }) actor: string | null,
    @Arg('minLevel', () => LogLevel, { nullable: true }) minLevel: LogLevel | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    const page = await services.auditLog.list({ agentId, actor, minLevel }, first, after);
    return toConnection(page, logView);
  }

  @FieldResolver(() => Agent, { nullable: true })
  async agent(@Root() line: AgentLog, @Ctx() { loaders, services }: RequestContext): Promise<Agent | null> {
    if (line.agentId === null) return null;
    const entity = await loaders.agentById.load(line.agentId);
    return entity === null ? null : agentView(entity, services.registry);
  }
}
