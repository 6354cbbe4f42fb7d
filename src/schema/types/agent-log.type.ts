import { Field, ID, ObjectType } from 'type-graphql';
import { LogLevel } from '../enums';
import { JSONScalar } from '../scalars';
import { connectionOf } from './connection.type';
import { Node } from './node.type';

@ObjectType('AgentLog', { implements: Node })
export class AgentLog extends Node {
  /** Resolved through the agent loader; not a schema field here. */
  agentId!: string | null;

  @Field(() => LogLevel)
  level!: LogLevel;

  @Field(() => String)
  message!: string;

  @Field(() => JSONScalar, { nullable: true })
  metadata!: unknown;

  @Field(() => String, { nullable: true })
  actor!: string | null;

  @Field(() => String, { nullable: true })
  correlationId!: string | null;

  @Field(() => Date)
  timestamp!: Date;

  @Field(() => ID, { nullable: true, description: 'The task the line is about, when there is one.' })
  taskId!: string | null;
}

export const AgentLogConnection = connectionOf('AgentLog', AgentLog);
