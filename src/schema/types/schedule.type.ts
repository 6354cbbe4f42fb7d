import { Field, ObjectType } from 'type-graphql';
import { JSONScalar } from '../scalars';
import { Node } from './node.type';

/** A recurring task for one agent; `agent` is resolved through the agent loader. */
@ObjectType('Schedule', { implements: Node })
export class Schedule extends Node {
  agentId!: string;

  @Field(() => String)
  taskType!: string;

  @Field(() => JSONScalar)
  payload!: unknown;

  @Field(() => String)
  cron!: string;

  @Field(() => Boolean)
  enabled!: boolean;

  @Field(() => Date, { nullable: true })
  lastRunAt!: Date | null;

  @Field(() => Date, { nullable: true })
  nextRunAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;
}
