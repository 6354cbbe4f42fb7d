import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType('MetricPoint')
export class MetricPoint {
  @Field(() => Date, { description: 'Start of the bucket.' })
  timestamp!: Date;

  @Field(() => Int)
  count!: number;

  @Field(() => Float)
  sum!: number;

  @Field(() => Float)
  avg!: number;

  @Field(() => Float)
  min!: number;

  @Field(() => Float)
  max!: number;
}

@ObjectType('StatusCount')
export class StatusCount {
  @Field(() => String)
  status!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('SystemOverview')
export class SystemOverview {
  @Field(() => [StatusCount])
  agentsByStatus!: StatusCount[];

  @Field(() => [StatusCount])
  tasksByStatus!: StatusCount[];

  @Field(() => Int)
  queueDepth!: number;

  @Field(() => Float)
  tasksPerMinute!: number;

  @Field(() => Date)
  at!: Date;
}
