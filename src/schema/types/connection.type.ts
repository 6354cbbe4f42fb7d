import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('PageInfo')
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** A total, or how to count it when the field is resolved (see countTotal). */
export type TotalCount = number | (() => Promise<number>);

export interface ConnectionShape<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: PageInfo;
  totalCount: TotalCount;
}

/** Builds the Relay `<Name>Edge` and `<Name>Connection` types for a node type. */
export function connectionOf<T extends object>(name: string, node: new () => T) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => node)
    node!: T;

    @Field(() => String)
    cursor!: string;
  }

  @ObjectType(`${name}Connection`)
  class Connection implements ConnectionShape<T> {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    /** The total, or how to count it (see countTotal). */
    totalCount!: TotalCount;

    /**
     * A total that is costly to count (every row of a long history) comes as a function, called
     * only when a client selects the field. (type-graphql resolves this method on an instance
     * it makes of the plain connection object a resolver returned.)
     */
    @Field(() => Int, { name: 'totalCount' })
    countTotal(): number | Promise<number> {
      return typeof this.totalCount === 'function' ? this.totalCount() : this.totalCount;
    }
  }
  return Connection;
}

/** Turns a service page into the connection shape. */
export function toConnection<S, T>(page: { items: S[]; cursors: string[]; hasNextPage: boolean; totalCount: TotalCount }, map: (item: S) => T): ConnectionShape<T> {
  const edges = page.items.map((item, index) => ({ node: map(item), cursor: page.cursors[index]! }));
  return {
    edges,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.length > 0 ? edges[edges.length - 1]!.cursor : null },
    totalCount: page.totalCount,
  };
}
