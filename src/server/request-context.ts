import type { IncomingHttpHeaders } from 'node:http';
import { createLoaders, type Loaders, type RequestContext } from '../resolvers';
import type { DomainError, Principal, Services } from '../services';
import { bearerSecret } from '../services/auth/api-key-secret';
import type { Logger } from '../logging/logger';

/** Resolves the presented key (HTTP header or connection_init payload) to a principal, or null. */
export async function principalFrom(services: Services, authorization: unknown): Promise<Principal | null> {
  const secret = bearerSecret(typeof authorization === 'string' ? authorization : undefined);
  return secret === null ? null : services.apiKeys.authenticate(secret);
}

/**
 * One operation's context. Its logger is made when something logs: most requests never do, and
 * a pino child costs its bindings' serialisation and redaction set-up. The getter is on the
 * prototype so copies do not make it: Apollo copies every request's context, and live events
 * run on copies with fresh loaders.
 */
class OperationContext implements RequestContext {
  onSlowConsumer?: (error: DomainError) => void;
  liveExecutionKey?: string;
  private requestLog: Logger | undefined;

  constructor(
    public principal: Principal | null,
    public correlationId: string,
    public services: Services,
    public loaders: Loaders,
  ) {}

  get log(): Logger {
    this.requestLog ??= this.services.logger.child({ correlationId: this.correlationId });
    return this.requestLog;
  }
}

export function createRequestContext(services: Services, principal: Principal | null, correlationId: string): RequestContext {
  return new OperationContext(principal, correlationId, services, createLoaders(services));
}

/** A copy of `context` with loaders of its own (one live event's execution: nothing cached for one event is served for the next). */
export function withFreshLoaders(context: RequestContext, services: Services): RequestContext {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(context) as object) as RequestContext, context);
  copy.loaders = createLoaders(services);
  return copy;
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
