import type { IncomingHttpHeaders } from 'node:http';
import { createLoaders, type RequestContext } from '../resolvers';
import type { Principal, Services } from '../services';
import { bearerSecret } from '../services/auth/api-key-secret';

/** Resolves the presented key (HTTP header or connection_init payload) to a principal, or null. */
export async function principalFrom(services: Services, authorization: unknown): Promise<Principal | null> {
  const secret = bearerSecret(typeof authorization === 'string' ? authorization : undefined);
  return secret === null ? null : services.apiKeys.authenticate(secret);
}

export function createRequestContext(services: Services, principal: Principal | null, correlationId: string): RequestContext {
  return {
    principal,
    correlationId,
    services,
    loaders: createLoaders(services),
    log: services.logger.child({ correlationId }),
  };
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
