import { Field, ID, InputType, Int } from 'type-graphql';
import { TaskStatus } from '../enums';
import { JSONScalar } from '../scalars';

@InputType('TaskFilter')
export class TaskFilterInput {
  @Field(() => ID, { nullable: true })
  agentId?: string | null;

  @Field(() => TaskStatus, { nullable: true })
  status?: TaskStatus | null;

  @Field(() => String, { nullable: true })
  type?: string | null;

  @Field(() => ID, { nullable: true })
  workflowRunId?: string | null;
}

@InputType('DistributeTaskInput', {
  description: 'Either agentId (that agent) or agentType (the least-loaded RUNNING agent of that type); neither: any RUNNING agent whose type accepts the task type.',
})
export class DistributeTaskInput {
  @Field(() => String)
  type!: string;

  @Field(() => JSONScalar, { nullable: true, description: 'Default {} (graphql-js 16 cannot print an object default in SDL).' })
  payload?: unknown;

  @Field(() => ID, { nullable: true })
  agentId?: string | null;

  @Field(() => String, { nullable: true })
  agentType?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: 0, description: 'Higher runs first.' })
  priority?: number | null;

  @Field(() => Int, { nullable: true, defaultValue: 3 })
  maxAttempts?: number | null;

  @Field(() => Date, { nullable: true, description: 'Not before this time.' })
  runAt?: Date | null;

  @Field(() => Int, { nullable: true, description: 'An attempt running longer fails (its handler is aborted).' })
  timeoutSeconds?: number | null;

  @Field(() => String, { nullable: true, description: 'A second call with the same key returns the first task.' })
  idempotencyKey?: string | null;
}
