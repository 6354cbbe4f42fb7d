import { Field, Int, ObjectType } from 'type-graphql';
import { TaskStatus } from '../enums';
import { JSONScalar } from '../scalars';
import { connectionOf } from './connection.type';
import { Node } from './node.type';

/** A task; `agent` and `workflowRun` are resolved through loaders by the task field resolver. */
@ObjectType('Task', { implements: Node })
export class Task extends Node {
  @Field(() => String)
  type!: string;

  agentId!: string;
  workflowRunId!: string | null;

  @Field(() => TaskStatus)
  status!: TaskStatus;

  @Field(() => JSONScalar)
  payload!: unknown;

  @Field(() => JSONScalar, { nullable: true })
  result!: unknown;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => Int)
  attempts!: number;

  @Field(() => Int)
  maxAttempts!: number;

  @Field(() => Int)
  priority!: number;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;

  @Field(() => Int, { nullable: true })
  durationMs!: number | null;

  @Field(() => Date, { nullable: true, description: 'Not before this time.' })
  runAt!: Date | null;

  @Field(() => Int, { nullable: true })
  timeoutSeconds!: number | null;

  @Field(() => String, { nullable: true })
  idempotencyKey!: string | null;
}

export const TaskConnection = connectionOf('Task', Task);
