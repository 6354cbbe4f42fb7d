import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { MetricPoint } from '../schema/types/metric.type';
import { AgentStatus, LogLevel, TaskStatus } from '../schema/enums';
import { Agent, AgentHealth } from '../schema/types/agent.type';
import { AgentLogConnection } from '../schema/types/agent-log.type';
import { toConnection } from '../schema/types/connection.type';
import { TaskConnection } from '../schema/types/task.type';
import type { AgentHealthFigures } from '../services/agents/agent-health.service';
import type { RequestContext } from './context';
import { logView, taskView } from './views';

function healthOf(agent: Agent, figures: AgentHealthFigures): AgentHealth {
  return { ...figures, status: agent.status as AgentStatus, lastActiveAt: figures.lastActiveAt ?? agent.lastActiveAt };
}

/** Agent's relation fields, each through a per-request loader: no query per agent. */
@Resolver(() => Agent)
export class AgentFieldsResolver {
  @FieldResolver(() => AgentHealth)
  health(@Root() agent: Agent, @Ctx() { services, loaders }: RequestContext): AgentHealth | Promise<AgentHealth> {
    // Cached figures are answered in the same turn: no loader, no promise (status queries are
    // the hottest read). Otherwise the request's loader reads every agent's in one call.
    const cached = services.agentHealth.cached(agent.id);
    if (cached !== undefined) return healthOf(agent, cached);
    return loaders.agentHealth.load(agent.id).then((figures) => healthOf(agent, figures));
  }

  @FieldResolver(() => TaskConnection)
  async tasks(
    @Root() agent: Agent,
    @Ctx() { loaders }: RequestContext,
    @Arg('status', () => TaskStatus, { nullable: true }) status: TaskStatus | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    const page = await loaders.agentTasks.load({ agentId: agent.id, filter: status ?? null, first, after: after ?? null });
    // Counted only if the client selects totalCount: a count reads the agent's whole history.
    return toConnection({ ...page, totalCount: () => loaders.agentTaskCounts.load({ agentId: agent.id, filter: status ?? null }) }, taskView);
  }

  @FieldResolver(() => AgentLogConnection)
  async logs(
    @Root() agent: Agent,
    @Ctx() { loaders }: RequestContext,
    @Arg('minLevel', () => LogLevel, { nullable: true }) minLevel: LogLevel | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    const page = await loaders.agentLogs.load({ agentId: agent.id, filter: minLevel ?? null, first, after: after ?? null });
    return toConnection({ ...page, totalCount: () => loaders.agentLogCounts.load({ agentId: agent.id, filter: minLevel ?? null }) }, logView);
  }

  @FieldResolver(() => [MetricPoint])
  async metrics(
    @Root() agent: Agent,
    @Ctx() { loaders }: RequestContext,
    @Arg('name', () => String) name: string,
    @Arg('since', () => Date, { nullable: true }) since: Date | null,
    @Arg('bucketSeconds', () => Int, { nullable: true, defaultValue: 60 }) bucketSeconds: number,
  ): Promise<MetricPoint[]> {
    return loaders.agentMetrics.load({ agentId: agent.id, name, since: since == null ? null : since.toISOString(), bucketSeconds });
  }
}
