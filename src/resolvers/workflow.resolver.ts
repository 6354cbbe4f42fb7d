import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Role } from '../schema/enums';
import { CreateWorkflowInput, RunWorkflowInput } from '../schema/inputs/workflow.inputs';
import { toConnection } from '../schema/types/connection.type';
import { Workflow, WorkflowConnection, WorkflowValidation } from '../schema/types/workflow.type';
import { WorkflowRun } from '../schema/types/workflow-run.type';
import { checkUuid } from '../services/common/ids';
import { actorOf, type RequestContext } from './context';
import { workflowRunView, workflowView } from './workflow-views';
import type { WorkflowRunSnapshot } from '../services/workflows/workflow-rows';

@Resolver(() => Workflow)
export class WorkflowResolver {
  @Authorized()
  @Query(() => WorkflowValidation, { description: 'Every problem of a YAML or JSON definition at once, each with a path and a 1-based line.' })
  validateWorkflow(@Ctx() { services }: RequestContext, @Arg('definition', () => String) definition: string): WorkflowValidation {
    const { valid, problems, stepOrder } = services.workflows.validate(definition);
    return { valid, problems, stepOrder };
  }

  @Authorized()
  @Query(() => WorkflowConnection, { description: 'Workflow versions, newest first.' })
  async workflows(
    @Ctx() { services }: RequestContext,
    @Arg('name', () => String, { nullable: true }) name: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    return toConnection(await services.workflows.list(name ?? null, first, after), workflowView);
  }

  @Authorized()
  @Query(() => Workflow, { nullable: true })
  async workflow(@Ctx() { loaders }: RequestContext, @Arg('id', () => ID) id: string): Promise<Workflow | null> {
    const record = await loaders.workflowById.load(checkUuid(id, 'id'));
    return record === null ? null : workflowView(record);
  }

  @Authorized()
  @Query(() => WorkflowRun, { nullable: true })
  async workflowRun(@Ctx() { loaders }: RequestContext, @Arg('id', () => ID) id: string): Promise<WorkflowRun | null> {
    const record = await loaders.workflowRunById.load(checkUuid(id, 'id'));
    return record === null ? null : workflowRunView(record);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Workflow, { description: 'Stores the definition as the next version of its name; invalid: INVALID_WORKFLOW with extensions.problems.' })
  async createWorkflow(@Ctx() context: RequestContext, @Arg('input', () => CreateWorkflowInput) input: CreateWorkflowInput): Promise<Workflow> {
    return workflowView(await context.services.workflows.create(actorOf(context), input.definition));
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => WorkflowRun, { description: 'Starts a run (PENDING; RUNNING once a step runs) of a workflow version.' })
  async runWorkflow(@Ctx() context: RequestContext, @Arg('input', () => RunWorkflowInput) input: RunWorkflowInput): Promise<WorkflowRun> {
    return answerWithSteps(context, await context.services.workflowEngine.start(actorOf(context), input));
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => WorkflowRun, { description: 'Ends the run CANCELLED: queued steps are cancelled, running ones aborted.' })
  async cancelWorkflowRun(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string): Promise<WorkflowRun> {
    return answerWithSteps(context, await context.services.workflowEngine.cancel(actorOf(context), id));
  }
}

/**
 * A run mutation's answer: the run and its steps as that mutation committed them. Read fresh,
 * the steps could already be further on (a worker started one) than the run's status says.
 */
function answerWithSteps(context: RequestContext, snapshot: WorkflowRunSnapshot): WorkflowRun {
  context.loaders.workflowRunSteps.prime(snapshot.id, snapshot.steps);
  return workflowRunView(snapshot);
}
