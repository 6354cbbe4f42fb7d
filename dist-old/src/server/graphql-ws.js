"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SLOW_CONSUMER_CLOSE_CODE = void 0;
exports.attachGraphQLWebSocket = attachGraphQLWebSocket;
const graphql_1 = require("graphql");
const graphql_ws_1 = require("graphql-ws");
const ws_1 = require("graphql-ws/use/ws");
const ws_2 = require("ws");
const services_1 = require("../services");
const correlation_id_1 = require("./correlation-id");
const error_formatter_1 = require("./error-formatter");
const mutation_rate_limit_1 = require("./mutation-rate-limit");
const operation_policy_1 = require("./operation-policy");
const request_context_1 = require("./request-context");
const subscription_execution_1 = require("./subscription-execution");
/** Keep-alive ping interval on idle sockets, in ms. Default 12_000. */
const KEEP_ALIVE_MS = 12_000;
/**
 * Close code of a socket whose subscriber fell too far behind (SLOW_CONSUMER). Outside
 * graphql-ws's own codes and not one its client treats as fatal, so clients reconnect; they
 * resume with events(after: <last cursor seen>).
 */
exports.SLOW_CONSUMER_CLOSE_CODE = 4008;
/** The cause graphql-ws wrapped (it wraps errors thrown by a subscription's stream without a path). */
function unwrapStreamError(error) {
    return error.originalError instanceof services_1.DomainError ? error.originalError : error;
}
/**
 * Tells a subscriber that fell behind and closes its socket. Written directly because
 * graphql-ws is still waiting for the socket to take the previous message; both frames
 * queue behind what the client has not read yet.
 */
function closeSlowConsumer(socket, id, error, context) {
    setImmediate(() => {
        if (socket.readyState !== ws_2.WebSocket.OPEN)
            return;
        const payload = [(0, error_formatter_1.formatGraphQLError)({ message: error.message }, error, context.log, context.correlationId)];
        socket.send(JSON.stringify({ id, type: 'error', payload }));
        socket.close(exports.SLOW_CONSUMER_CLOSE_CODE, 'slow consumer: resume with events(after:)');
        context.log.warn({ operationId: id, principal: context.principal?.name }, 'closed a WebSocket whose subscriber fell behind');
    });
}
/**
 * The key under which identical subscriptions share each event's execution. Authorisation is
 * by role, so one role's identical operations see identical results. Undefined (no sharing)
 * for variables too deep to serialise.
 */
function liveExecutionKey(context, payload) {
    try {
        return JSON.stringify([context.principal?.role ?? null, payload.operationName ?? null, payload.query, payload.variables ?? null]);
    }
    catch (error) {
        if (error instanceof RangeError)
            return undefined;
        throw error;
    }
}
/**
 * graphql-ws on our WebSocket server: authentication in connection_init (a missing or
 * bad key closes with 4403), the same validation rules and error policy as HTTP.
 */
function attachGraphQLWebSocket(wsServer, schema, services) {
    const rules = (0, operation_policy_1.allValidationRules)(services.config);
    // As on HTTP: outside development, "Did you mean …?" would let clients map the schema field by field.
    const hideSuggestions = (message) => (services.config.nodeEnv === 'development' ? message : message.replace(/ Did you mean .+\?$/, ''));
    const sockets = new Map();
    const sharedExecutions = new subscription_execution_1.SharedEventExecutions();
    const stopListening = services.apiKeys.onRevoked((keyId) => {
        // A revoked key loses its live sockets at once, not at their next operation.
        for (const socket of sockets.get(keyId) ?? [])
            socket.close(graphql_ws_1.CloseCode.Forbidden, 'Forbidden: API key revoked');
        sockets.delete(keyId);
    });
    const server = (0, ws_1.useServer)({
        schema,
        execute: graphql_1.execute,
        // Each event runs with fresh loaders: no value cached for one event is served for the next.
        subscribe: (args) => (0, subscription_execution_1.subscribeWithContextPerEvent)(args, (base) => (0, request_context_1.withFreshLoaders)(base, services), {
            executions: sharedExecutions,
            key: args.contextValue.liveExecutionKey,
        }),
        connectionInitWaitTimeout: 10_000,
        onConnect: async (ctx) => {
            const extra = ctx.extra;
            const principal = await (0, request_context_1.principalFrom)(services, ctx.connectionParams?.['authorization']);
            if (principal === null)
                return false;
            extra.principal = principal;
            extra.correlationId = (0, correlation_id_1.correlationIdFrom)(extra.request.headers['x-request-id']);
            const group = sockets.get(principal.keyId) ?? new Set();
            group.add(extra.socket);
            sockets.set(principal.keyId, group);
            extra.socket.once('close', () => group.delete(extra.socket));
            return true;
        },
        onSubscribe: (ctx, id, payload) => {
            const extra = ctx.extra;
            let document;
            try {
                document = (0, graphql_1.parse)(payload.query, operation_policy_1.PARSE_OPTIONS);
            }
            catch (error) {
                if (error instanceof graphql_1.GraphQLError)
                    return [new graphql_1.GraphQLError(error.message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
                throw error;
            }
            const errors = (0, graphql_1.validate)(schema, document, rules);
            if (errors.length > 0) {
                return errors.map((error) => new graphql_1.GraphQLError(hideSuggestions(error.message), { nodes: error.nodes, extensions: { code: error.extensions['code'] ?? 'GRAPHQL_VALIDATION_FAILED' } }));
            }
            const context = (0, request_context_1.createRequestContext)(services, extra.principal ?? null, `${extra.correlationId ?? 'ws'}`);
            if (context.principal === null && (0, operation_policy_1.readsIntrospection)(document))
                return [(0, operation_policy_1.introspectionNeedsKey)()];
            if (context.principal !== null && (0, graphql_1.getOperationAST)(document, payload.operationName ?? undefined)?.operation === 'mutation') {
                try {
                    (0, mutation_rate_limit_1.rateLimit)(context);
                }
                catch (error) {
                    if (error instanceof graphql_1.GraphQLError)
                        return [new graphql_1.GraphQLError(error.message, { extensions: { code: error.extensions['code'], retryAfterMs: error.extensions['retryAfterMs'] } })];
                    throw error;
                }
            }
            // Variables are the client's input: a bad one is BAD_USER_INPUT, as Apollo says on HTTP
            // (left to execute, it would come back as an unexpected error and be masked).
            const operation = (0, graphql_1.getOperationAST)(document, payload.operationName ?? undefined);
            const coerced = operation === null || operation === undefined ? undefined : (0, graphql_1.getVariableValues)(schema, operation.variableDefinitions ?? [], payload.variables ?? {});
            if (coerced?.errors !== undefined) {
                return coerced.errors.map((error) => new graphql_1.GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'BAD_USER_INPUT' } }));
            }
            context.onSlowConsumer = (error) => closeSlowConsumer(extra.socket, id, error, context);
            if (operation?.operation === 'subscription')
                context.liveExecutionKey = liveExecutionKey(context, payload);
            const args = {
                schema,
                document,
                contextValue: context,
                variableValues: payload.variables ?? null,
                operationName: payload.operationName ?? null,
            };
            return args;
        },
        onNext: (_ctx, _id, _payload, args, result) => {
            if (!result.errors || result.errors.length === 0)
                return undefined;
            const context = args.contextValue;
            return { ...result, errors: result.errors.map((error) => (0, error_formatter_1.formatGraphQLError)(error.toJSON(), error, context.log, context.correlationId)) };
        },
        onError: (ctx, _id, _payload, errors) => {
            const extra = ctx.extra;
            // A socket already closing gets nothing more (e.g. a failed write after a slow-consumer close).
            if (extra.socket.readyState !== ws_2.WebSocket.OPEN)
                return undefined;
            return errors.map((error) => (0, error_formatter_1.formatGraphQLError)(error.toJSON(), unwrapStreamError(error), services.logger, extra.correlationId));
        },
    }, wsServer, KEEP_ALIVE_MS);
    return {
        async dispose() {
            stopListening();
            await server.dispose();
        },
    };
}
//# sourceMappingURL=graphql-ws.js.map