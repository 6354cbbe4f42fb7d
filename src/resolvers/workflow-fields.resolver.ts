import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { toConnection } from '../schema/types/connection.type';
import { Task } from '../schema/types/task.type';
import { Workflow } from '../schema/types/workflow.type';
import { WorkflowRun, WorkflowRunConnection, WorkflowStepRun } from '../schema/types/workflow-run.type';
import { notFound } from '../services/errors/domain-error';
import type { RequestContext } from './context';
import { taskView } from './views';
import { stepRunView, workflowRunView, workflowView } from './workflow-views';

/** Workflow.runs, through a loader batched across workflows. */
@Resolver(() => Workflow)
export class WorkflowFieldsResolver {
  @FieldResolver(() => WorkflowRunConnection, { description: 'Runs of this version, newest first.' })
  async runs(
    @Root() workflow: Workflow,
    @Ctx() { loaders }: RequestContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    return toConnection(await loaders.workflowRuns.load({ workflowId: workflow.id, first, after: after ?? null }), workflowRunView);
  }
}

/** WorkflowRun.workflow and WorkflowRun.steps, through loaders. */
@Resolver(() => WorkflowRun)
export class WorkflowRunFieldsResolver {
  @FieldResolver(() => Workflow)
  async workflow(@Root() run: WorkflowRun, @Ctx() { loaders }: RequestContext): Promise<Workflow> {
    const record = await loaders.workflowById.load(run.workflowId);
    // Workflows are never deleted, so a run's workflow always exists.
    if (record === null) throw notFound('workflow', run.workflowId);
    return workflowView(record);
  }

  @FieldResolver(() => [WorkflowStepRun], { description: 'Its steps in topological order.' })
  async steps(@Root() run: WorkflowRun, @Ctx() { loaders }: RequestContext): Promise<WorkflowStepRun[]> {
    return (await loaders.workflowRunSteps.load(run.id)).map(stepRunView);
  }
}

/** WorkflowStepRun.task, through the task loader. */
@Resolver(() => WorkflowStepRun)
export class WorkflowStepRunFieldsResolver {
  @FieldResolver(() => Task, { nullable: true, description: 'The task executing the step, once it was queued.' })
  async task(@Root() step: WorkflowStepRun, @Ctx() { loaders }: RequestContext): Promise<Task | null> {
    if (step.taskId === null) return null;
    const task = await loaders.taskById.load(step.taskId);
    return task === null ? null : taskView(task);
  }
}

/** Task.workflowRun, through the run loader. */
@Resolver(() => Task)
export class TaskWorkflowRunResolver {
  @FieldResolver(() => WorkflowRun, { nullable: true, description: 'The workflow run this task is a step of.' })
  async workflowRun(@Root() task: Task, @Ctx() { loaders }: RequestContext): Promise<WorkflowRun | null> {
    if (task.workflowRunId === null || task.workflowRunId === undefined) return null;
    const run = await loaders.workflowRunById.load(task.workflowRunId);
    return run === null ? null : workflowRunView(run);
  }
}
