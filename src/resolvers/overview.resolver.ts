import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { SystemOverview } from '../schema/types/metric.type';
import type { RequestContext } from './context';

@Resolver()
export class OverviewResolver {
  @Authorized()
  @Query(() => SystemOverview, { description: 'Agents and tasks by status, queue depth and throughput, right now.' })
  async overview(@Ctx() { services }: RequestContext): Promise<SystemOverview> {
    return services.overview.compute();
  }
}
