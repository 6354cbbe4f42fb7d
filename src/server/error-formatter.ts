import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { sqlStateOf } from '../db/sql-states';
import type { Logger } from '../logging/logger';
import { DomainError } from '../services';

/** Codes a client may see as they are; anything else unexpected is masked. */
const PASSTHROUGH_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'QUERY_TOO_COMPLEX',
  'UNAUTHENTICATED',
  'FORBIDDEN',
]);

export const INTERNAL_ERROR_MESSAGE = 'Internal server error';

/** SQLSTATEs of PostgreSQL refusing a character of a value: a NUL in text (22021) or in jsonb (22P05). */
const UNSTORABLE_CHARACTER_STATES = new Set(['22021', '22P05']);

/**
 * The error a client may see in place of `error`. PostgreSQL refusing a character is the
 * client's input reaching a query that no service check covers (e.g. a NUL in a list filter):
 * that is bad input, not a failure of ours.
 */
function clientFacing(error: unknown): unknown {
  const state = sqlStateOf(error);
  if (state !== undefined && UNSTORABLE_CHARACTER_STATES.has(state)) {
    return new DomainError('BAD_USER_INPUT', 'a value contains a character that cannot be stored or searched for (such as NUL, \\u0000)');
  }
  return error;
}

/** Whether an error is one the client may see: a domain error or one of GraphQL's own. */
export function isExpectedError(error: unknown): boolean {
  const original = clientFacing(unwrapResolverError(error));
  if (original instanceof DomainError) return true;
  if (!(original instanceof GraphQLError)) return false;
  const code = original.extensions['code'];
  return original.originalError === undefined || original.originalError === null || (typeof code === 'string' && PASSTHROUGH_CODES.has(code));
}

/**
 * The one place error codes become `extensions.code`: domain errors carry theirs; GraphQL's
 * own (parse, validation, variable coercion) keep theirs; everything else is masked to
 * "Internal server error" with no stack and no SQL, and logged in full under the correlation id.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown, log: Logger | undefined, correlationId: string | undefined): GraphQLFormattedError {
  const original = clientFacing(unwrapResolverError(error));
  if (original instanceof DomainError) {
    return {
      message: original.message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { ...original.extensions, code: original.code, ...(original.path !== undefined ? { path: original.path } : {}) },
    };
  }
  const code = formatted.extensions?.['code'];
  // An operation over a limit (depth, aliases, cost, directives) is refused as too complex.
  const cause = error instanceof GraphQLError ? error.originalError : undefined;
  if (cause instanceof GraphQLError && cause.extensions['code'] === 'QUERY_TOO_COMPLEX') {
    return { message: formatted.message, extensions: { code: 'QUERY_TOO_COMPLEX' } };
  }
  // The token limit stops the parser: to the client it is a too-complex query, not a typo.
  // (graphql-js 16 words it "contains more that N tokens", so both spellings are matched.)
  if (code === 'GRAPHQL_PARSE_FAILED' && /contains more (?:than|that) \d+ tokens/.test(formatted.message)) {
    return { message: formatted.message, extensions: { code: 'QUERY_TOO_COMPLEX' } };
  }
  if (isExpectedError(error) || (typeof code === 'string' && PASSTHROUGH_CODES.has(code) && !(original instanceof Error && !(original instanceof GraphQLError)))) {
    // `http` (a pre-execution refusal's status) is for Apollo, not the client (WebSocket errors still carry it here).
    const { stacktrace: _stack, http: _http, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions: { ...extensions, code: typeof code === 'string' ? code : 'GRAPHQL_VALIDATION_FAILED' } };
  }
  log?.error({ err: original, correlationId, path: formatted.path }, 'unexpected error in a GraphQL operation');
  return {
    message: INTERNAL_ERROR_MESSAGE,
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR', ...(correlationId ? { correlationId } : {}) },
  };
}
