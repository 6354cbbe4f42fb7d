import { Field, ID, InputType } from 'type-graphql';
import { JSONScalar } from '../scalars';

@InputType('CreateScheduleInput')
export class CreateScheduleInput {
  @Field(() => ID)
  agentId!: string;

  @Field(() => String)
  taskType!: string;

  @Field(() => JSONScalar, { nullable: true, description: 'Default {} (graphql-js 16 cannot print an object default in SDL).' })
  payload?: unknown;

  @Field(() => String, { description: 'Five-field cron expression, UTC.' })
  cron!: string;

  @Field(() => Boolean, { nullable: true, defaultValue: true })
  enabled?: boolean | null;
}
