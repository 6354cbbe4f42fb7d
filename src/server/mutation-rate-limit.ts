import { GraphQLError } from 'graphql';
import type { RequestContext } from '../resolvers';
import { DomainError } from '../services';

/** Charges one mutation to the request's key; over the limit the operation is refused before it runs. */
export function rateLimit(context: RequestContext): void {
  try {
    context.services.mutationLimiter.consume(context.principal!.keyId);
  } catch (error: unknown) {
    if (error instanceof DomainError) throw new GraphQLError(error.message, { extensions: { ...error.extensions, code: error.code, http: { status: 429 } } });
    throw error;
  }
}
