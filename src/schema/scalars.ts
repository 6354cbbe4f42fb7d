import { DateTimeResolver, JSONResolver } from 'graphql-scalars';

/** ISO-8601 with time zone on output; type-graphql maps every `Date` field to it. */
export const DateTimeScalar = DateTimeResolver;
/** Any JSON value. */
export const JSONScalar = JSONResolver;
