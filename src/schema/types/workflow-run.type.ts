import { Field, Int, ObjectType } from 'type-graphql';
import { StepStatus, WorkflowRunStatus } from '../enums';
import { JSONScalar } from '../scalars';
import { connectionOf } from './connection.type';
import { Node } from './node.type';

/** One step of a run; `task` is resolved through the task loader by WorkflowStepRunFieldsResolver. */
@ObjectType('WorkflowStepRun')
export class WorkflowStepRun {
  /** Not in the schema: the run this step belongs to. */
  runId!: string;
  /** Not in the schema: the task executing the step, resolved by the `task` field. */
  taskId!: string | null;

  @Field(() => String)
  stepId!: string;

  @Field(() => StepStatus)
  status!: StepStatus;

  @Field(() => Int)
  attempts!: number;

  @Field(() => JSONScalar, { nullable: true })
  output!: unknown;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;
}

/** One execution of a workflow version; `workflow` and `steps` are resolved through loaders. */
@ObjectType('WorkflowRun', { implements: Node })
export class WorkflowRun extends Node {
  /** Not in the schema: resolved into `workflow` by WorkflowRunFieldsResolver. */
  workflowId!: string;

  @Field(() => WorkflowRunStatus)
  status!: WorkflowRunStatus;

  @Field(() => JSONScalar, { nullable: true })
  input!: unknown;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;
}

export const WorkflowRunConnection = connectionOf('WorkflowRun', WorkflowRun);
