import { Field, Float, Int, ObjectType } from 'type-graphql';
import { AgentStatus } from '../enums';
import { JSONScalar } from '../scalars';
import { connectionOf } from './connection.type';
import { Node } from './node.type';

/** A kind of agent the server knows how to run. */
@ObjectType('AgentType')
export class AgentTypeInfo {
  @Field(() => String)
  key!: string;

  @Field(() => String)
  description!: string;

  @Field(() => JSONScalar)
  configSchema!: unknown;

  @Field(() => [String])
  taskTypes!: string[];
}

@ObjectType('AgentHealth')
export class AgentHealth {
  @Field(() => AgentStatus)
  status!: AgentStatus;

  @Field(() => Int)
  queuedTasks!: number;

  @Field(() => Int)
  runningTasks!: number;

  @Field(() => Int)
  succeededTasks!: number;

  @Field(() => Int)
  failedTasks!: number;

  @Field(() => Float, { nullable: true })
  successRate!: number | null;

  @Field(() => Float, { nullable: true })
  avgTaskMs!: number | null;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => Date, { nullable: true })
  lastActiveAt!: Date | null;
}

/** An agent; relation fields (health, tasks, logs, metrics) are resolved by AgentFieldsResolver. */
@ObjectType('Agent', { implements: Node })
export class Agent extends Node {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  type!: string;

  @Field(() => AgentStatus)
  status!: AgentStatus;

  @Field(() => String, { nullable: true })
  statusReason!: string | null;

  @Field(() => Int)
  maxConcurrency!: number;

  @Field(() => JSONScalar)
  config!: unknown;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  lastActiveAt!: Date | null;

  /** Not in the schema: whether the agent was deleted (hidden from `agents`). */
  deletedAt!: Date | null;
}

export const AgentConnection = connectionOf('Agent', Agent);

@ObjectType('AgentStatusEvent')
export class AgentStatusEvent {
  @Field(() => Agent)
  agent!: Agent;

  @Field(() => AgentStatus, { nullable: true })
  previousStatus!: AgentStatus | null;

  @Field(() => AgentStatus)
  status!: AgentStatus;

  @Field(() => Date)
  at!: Date;
}
