import { Field, ID, ObjectType } from 'type-graphql';
import { EventKind } from '../enums';
import { JSONScalar } from '../scalars';
import { connectionOf } from './connection.type';

/** One durable change event; cursors increase in commit order. */
@ObjectType('Event')
export class Event {
  @Field(() => String)
  cursor!: string;

  @Field(() => EventKind)
  kind!: EventKind;

  @Field(() => Date)
  at!: Date;

  @Field(() => ID, { nullable: true })
  agentId!: string | null;

  @Field(() => ID, { nullable: true })
  taskId!: string | null;

  @Field(() => ID, { nullable: true })
  workflowRunId!: string | null;

  @Field(() => String, { nullable: true })
  status!: string | null;

  @Field(() => String, { nullable: true })
  previousStatus!: string | null;

  @Field(() => JSONScalar, { nullable: true })
  data!: unknown;

  @Field(() => String, { nullable: true, description: 'Who caused the change.' })
  actor!: string | null;

  @Field(() => String, { nullable: true, description: 'The request or job the change came from.' })
  correlationId!: string | null;
}

export const EventConnection = connectionOf('Event', Event);
