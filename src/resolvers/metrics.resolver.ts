import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { MetricPoint } from '../schema/types/metric.type';
import type { RequestContext } from './context';

@Resolver()
export class MetricsResolver {
  @Authorized()
  @Query(() => [MetricPoint], { description: 'Time buckets of a metric (task.duration_ms, task.succeeded, task.failed, task.queue_wait_ms), for one agent or all.' })
  async metrics(
    @Ctx() { services }: RequestContext,
    @Arg('name', () => String) name: string,
    @Arg('agentId', () => ID, { nullable: true }) agentId: string | null,
    @Arg('since', () => Date, { nullable: true }) since: Date | null,
    @Arg('until', () => Date, { nullable: true }) until: Date | null,
    @Arg('bucketSeconds', () => Int, { nullable: true, defaultValue: 60 }) bucketSeconds: number,
  ): Promise<MetricPoint[]> {
    return services.metrics.buckets({ name, agentId, since, until, bucketSeconds });
  }
}
