import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Agent } from '../schema/types/agent.type';
import { toConnection } from '../schema/types/connection.type';
import { Evidence, EvidenceConnection, EvidenceVerification } from '../schema/types/evidence.type';
import { Task } from '../schema/types/task.type';
import { notFound } from '../services/errors/domain-error';
import type { RequestContext } from './context';
import { agentView, evidenceView, taskView } from './views';

@Resolver(() => Evidence)
export class EvidenceResolver {
  @Authorized()
  @Query(() => EvidenceConnection, { description: 'Collected evidence, newest first.' })
  async evidence(
    @Ctx() { services }: RequestContext,
    @Arg('agentId', () => ID, { nullable: true }) agentId: string | null,
    @Arg('kind', () => String, { nullable: true }) kind: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    const page = await services.evidence.list({ agentId, kind }, first, after);
    return toConnection(page, evidenceView);
  }

  @Authorized()
  @Query(() => EvidenceVerification, { description: "Walks the agent's evidence chain and names the first record that breaks it." })
  async verifyEvidence(@Ctx() { services }: RequestContext, @Arg('agentId', () => ID) agentId: string): Promise<EvidenceVerification> {
    return services.evidence.verify(agentId);
  }

  @FieldResolver(() => Agent)
  async agent(@Root() evidence: Evidence, @Ctx() { loaders, services }: RequestContext): Promise<Agent> {
    const entity = await loaders.agentById.load(evidence.agentId);
    // The foreign key and soft deletion mean the agent row always exists.
    if (entity === null) throw notFound('agent', evidence.agentId);
    return agentView(entity, services.registry);
  }

  @FieldResolver(() => Task, { nullable: true })
  async task(@Root() evidence: Evidence, @Ctx() { loaders }: RequestContext): Promise<Task | null> {
    if (evidence.taskId === null) return null;
    const task = await loaders.taskById.load(evidence.taskId);
    return task === null ? null : taskView(task);
  }
}
