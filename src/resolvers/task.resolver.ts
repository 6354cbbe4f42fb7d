import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../schema/enums';
import { DistributeTaskInput, TaskFilterInput } from '../schema/inputs/task.inputs';
import { Agent } from '../schema/types/agent.type';
import { toConnection } from '../schema/types/connection.type';
import { Task, TaskConnection } from '../schema/types/task.type';
import { actorOf, type RequestContext } from './context';
import { agentView, taskView } from './views';

@Resolver(() => Task)
export class TaskResolver {
  @Authorized()
  @Query(() => TaskConnection, { description: 'Tasks, newest first.' })
  async tasks(
    @Ctx() { services }: RequestContext,
    @Arg('filter', () => TaskFilterInput, { nullable: true }) filter: TaskFilterInput | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    return toConnection(await services.tasks.list(filter ?? {}, first, after), taskView);
  }

  @Authorized()
  @Query(() => Task, { nullable: true })
  async task(@Ctx() { loaders }: RequestContext, @Arg('id', () => ID) id: string): Promise<Task | null> {
    const task = await loaders.taskById.load(id);
    return task === null ? null : taskView(task);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Task)
  async distributeTask(@Ctx() context: RequestContext, @Arg('input', () => DistributeTaskInput) input: DistributeTaskInput): Promise<Task> {
    return taskView(await context.services.taskService.distribute(actorOf(context), input));
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => [Task], {
    description: 'Up to 1,000 tasks in one transaction: all are queued or, when one input is refused, none is (the error names it: inputs.N…). Answers in input order.',
  })
  async distributeTasks(@Ctx() context: RequestContext, @Arg('inputs', () => [DistributeTaskInput]) inputs: DistributeTaskInput[]): Promise<Task[]> {
    return (await context.services.taskService.distributeMany(actorOf(context), inputs)).map(taskView);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Task, { description: 'A RUNNING task is aborted on whichever worker runs it.' })
  async cancelTask(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string): Promise<Task> {
    return taskView(await context.services.taskService.cancel(actorOf(context), id));
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Task, { description: 'FAILED or CANCELLED only.' })
  async retryTask(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string): Promise<Task> {
    return taskView(await context.services.taskService.retry(actorOf(context), id));
  }

  @FieldResolver(() => Agent, { nullable: true, description: 'The agent it was routed to.' })
  async agent(@Root() task: Task, @Ctx() { loaders, services }: RequestContext): Promise<Agent | null> {
    const entity = await loaders.agentById.load(task.agentId);
    return entity === null ? null : agentView(entity, services.registry);
  }
}
