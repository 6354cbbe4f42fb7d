import type { AuthCheckerFn } from 'type-graphql';
import { DomainError } from '../services';
import { roleAtLeast, type Role } from '../services/auth/roles';
import type { RequestContext } from './context';

/**
 * The one auth checker: no valid key → UNAUTHENTICATED; a key whose role is below the
 * field's → FORBIDDEN. `@Authorized()` with no role means any valid key (VIEWER and up).
 */
export const authChecker: AuthCheckerFn<RequestContext, Role> = ({ context }, roles) => {
  requireRole(context, roles.length === 0 ? 'VIEWER' : roles.reduce<Role>((lowest, role) => (roleAtLeast(lowest, role) ? role : lowest), roles[0]!));
  return true;
};

/**
 * The same check, made by a resolver itself: type-graphql runs `@Authorized` as a middleware,
 * which makes its resolver async (a chain of four promises) even when the answer is at hand.
 */
export function requireRole(context: RequestContext, required: Role): void {
  if (context.principal === null) throw new DomainError('UNAUTHENTICATED', 'an API key is required: send "Authorization: Bearer <key>"');
  if (!roleAtLeast(context.principal.role, required)) {
    throw new DomainError('FORBIDDEN', `this needs the ${required} role; the key "${context.principal.name}" has ${context.principal.role}`);
  }
}
