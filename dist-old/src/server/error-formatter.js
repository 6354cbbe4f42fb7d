"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.INTERNAL_ERROR_MESSAGE = void 0;
exports.isExpectedError = isExpectedError;
exports.formatGraphQLError = formatGraphQLError;
const errors_1 = require("@apollo/server/errors");
const graphql_1 = require("graphql");
const services_1 = require("../services");
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
exports.INTERNAL_ERROR_MESSAGE = 'Internal server error';
/** SQLSTATEs of PostgreSQL refusing a character of a value: a NUL in text (22021) or in jsonb (22P05). */
const UNSTORABLE_CHARACTER_STATES = new Set(['22021', '22P05']);
/**
 * The error a client may see in place of `error`. PostgreSQL refusing a character is the
 * client's input reaching a query that no service check covers (e.g. a NUL in a list filter):
 * that is bad input, not a failure of ours.
 */
function clientFacing(error) {
    const state = typeof error === 'object' && error !== null ? error.code : undefined;
    if (typeof state === 'string' && UNSTORABLE_CHARACTER_STATES.has(state)) {
        return new services_1.DomainError('BAD_USER_INPUT', 'a value contains a character that cannot be stored or searched for (such as NUL, \\u0000)');
    }
    return error;
}
/** Whether an error is one the client may see: a domain error or one of GraphQL's own. */
function isExpectedError(error) {
    const original = clientFacing((0, errors_1.unwrapResolverError)(error));
    if (original instanceof services_1.DomainError)
        return true;
    if (!(original instanceof graphql_1.GraphQLError))
        return false;
    const code = original.extensions['code'];
    return original.originalError === undefined || original.originalError === null || (typeof code === 'string' && PASSTHROUGH_CODES.has(code));
}
/**
 * The one place error codes become `extensions.code`: domain errors carry theirs; GraphQL's
 * own (parse, validation, variable coercion) keep theirs; everything else is masked to
 * "Internal server error" with no stack and no SQL, and logged in full under the correlation id.
 */
function formatGraphQLError(formatted, error, log, correlationId) {
    const original = clientFacing((0, errors_1.unwrapResolverError)(error));
    if (original instanceof services_1.DomainError) {
        return {
            message: original.message,
            ...(formatted.locations ? { locations: formatted.locations } : {}),
            ...(formatted.path ? { path: formatted.path } : {}),
            extensions: { ...original.extensions, code: original.code, ...(original.path !== undefined ? { path: original.path } : {}) },
        };
    }
    const code = formatted.extensions?.['code'];
    // An operation over a limit (depth, aliases, cost, directives) is refused as too complex.
    const cause = error instanceof graphql_1.GraphQLError ? error.originalError : undefined;
    if (cause instanceof graphql_1.GraphQLError && cause.extensions['code'] === 'QUERY_TOO_COMPLEX') {
        return { message: formatted.message, extensions: { code: 'QUERY_TOO_COMPLEX' } };
    }
    // The token limit stops the parser: to the client it is a too-complex query, not a typo.
    // (graphql-js 16 words it "contains more that N tokens", so both spellings are matched.)
    if (code === 'GRAPHQL_PARSE_FAILED' && /contains more (?:than|that) \d+ tokens/.test(formatted.message)) {
        return { message: formatted.message, extensions: { code: 'QUERY_TOO_COMPLEX' } };
    }
    if (isExpectedError(error) || (typeof code === 'string' && PASSTHROUGH_CODES.has(code) && !(original instanceof Error && !(original instanceof graphql_1.GraphQLError)))) {
        // `http` (a pre-execution refusal's status) is for Apollo, not the client (WebSocket errors still carry it here).
        const { stacktrace: _stack, http: _http, ...extensions } = formatted.extensions ?? {};
        return { ...formatted, extensions: { ...extensions, code: typeof code === 'string' ? code : 'GRAPHQL_VALIDATION_FAILED' } };
    }
    log?.error({ err: original, correlationId, path: formatted.path }, 'unexpected error in a GraphQL operation');
    return {
        message: exports.INTERNAL_ERROR_MESSAGE,
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: 'INTERNAL_SERVER_ERROR', ...(correlationId ? { correlationId } : {}) },
    };
}
//# sourceMappingURL=error-formatter.js.map