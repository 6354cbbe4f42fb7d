import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ScheduleEntity } from '../entities';
import { Role } from '../schema/enums';
import { CreateScheduleInput } from '../schema/inputs/schedule.inputs';
import { Agent } from '../schema/types/agent.type';
import { Schedule } from '../schema/types/schedule.type';
import { actorOf, type RequestContext } from './context';
import { agentView } from './views';

function scheduleView(entity: ScheduleEntity): Schedule {
  return {
    id: entity.id,
    agentId: entity.agentId,
    taskType: entity.taskType,
    payload: entity.payload,
    cron: entity.cron,
    enabled: entity.enabled,
    lastRunAt: entity.lastRunAt,
    nextRunAt: entity.nextRunAt,
    createdAt: entity.createdAt,
  };
}

@Resolver(() => Schedule)
export class ScheduleResolver {
  @Authorized()
  @Query(() => [Schedule])
  async schedules(@Ctx() { services }: RequestContext, @Arg('agentId', () => ID, { nullable: true }) agentId: string | null): Promise<Schedule[]> {
    return (await services.schedules.list(agentId)).map(scheduleView);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Schedule)
  async createSchedule(@Ctx() context: RequestContext, @Arg('input', () => CreateScheduleInput) input: CreateScheduleInput): Promise<Schedule> {
    return scheduleView(await context.services.schedules.create(actorOf(context), input));
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Schedule)
  async setScheduleEnabled(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string, @Arg('enabled', () => Boolean) enabled: boolean): Promise<Schedule> {
    return scheduleView(await context.services.schedules.setEnabled(actorOf(context), id, enabled));
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Boolean)
  async deleteSchedule(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string): Promise<boolean> {
    return context.services.schedules.delete(actorOf(context), id);
  }

  @FieldResolver(() => Agent)
  async agent(@Root() schedule: Schedule, @Ctx() { loaders, services }: RequestContext): Promise<Agent> {
    const entity = await loaders.agentById.load(schedule.agentId);
    return agentView(entity!, services.registry);
  }
}
