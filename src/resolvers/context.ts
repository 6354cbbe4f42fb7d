import type { Logger } from '../logging/logger';
import type { Actor, Principal, Services } from '../services';
import { DomainError } from '../services';
import type { Loaders } from './loaders';

/** Everything one GraphQL operation (HTTP request or WebSocket subscribe) runs with. */
export interface RequestContext {
  principal: Principal | null;
  /** The request's x-request-id, or one made for it; echoed to the client and written to audit lines. */
  correlationId: string;
  services: Services;
  loaders: Loaders;
  log: Logger;
  /**
   * WebSocket operations only: ends this operation with the error (SLOW_CONSUMER) and closes
   * its socket with the slow-consumer close code, at once (the subscriber is not reading).
   */
  onSlowConsumer?: (error: DomainError) => void;
  /**
   * WebSocket subscriptions only: operations with the same key (role, document, variables)
   * execute each live event once and share the result (see SharedEventExecutions).
   */
  liveExecutionKey?: string;
}

/** The actor of a mutation: the authenticated key's name and the request's correlation id. */
export function actorOf(context: RequestContext): Actor {
  if (context.principal === null) throw new DomainError('UNAUTHENTICATED', 'an API key is required');
  return { name: context.principal.name, correlationId: context.correlationId };
}
