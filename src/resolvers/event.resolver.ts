import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { EventKind } from '../schema/enums';
import { Event, EventConnection } from '../schema/types/event.type';
import type { RequestContext } from './context';
import { eventView } from './views';

@Resolver(() => Event)
export class EventResolver {
  @Authorized()
  @Query(() => EventConnection, { description: 'The durable event stream in commit order; `after` is a cursor ("0": from the oldest retained).' })
  async events(
    @Ctx() { services }: RequestContext,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('agentId', () => ID, { nullable: true }) agentId: string | null,
    @Arg('kinds', () => [EventKind], { nullable: true }) kinds: EventKind[] | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 100 }) first: number,
  ) {
    const page = await services.events.list({ after, agentId, kinds }, first);
    const edges = page.events.map((event) => ({ node: eventView(event), cursor: event.cursor }));
    return {
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.length > 0 ? edges[edges.length - 1]!.cursor : null },
      totalCount: page.totalCount,
    };
  }
}
