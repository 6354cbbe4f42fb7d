import { Field, InputType, Int } from 'type-graphql';
import { AgentStatus } from '../enums';
import { JSONScalar } from '../scalars';

@InputType('AgentFilter')
export class AgentFilterInput {
  @Field(() => AgentStatus, { nullable: true })
  status?: AgentStatus | null;

  @Field(() => String, { nullable: true })
  type?: string | null;

  @Field(() => String, { nullable: true })
  nameContains?: string | null;
}

@InputType('CreateAgentInput')
export class CreateAgentInput {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  type!: string;

  @Field(() => JSONScalar)
  config!: unknown;

  @Field(() => Int, { nullable: true, defaultValue: 4 })
  maxConcurrency?: number | null;
}

@InputType('UpdateAgentInput')
export class UpdateAgentInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => JSONScalar, { nullable: true, description: 'A secret given as "********" keeps its stored value.' })
  config?: unknown;

  @Field(() => Int, { nullable: true })
  maxConcurrency?: number | null;
}
