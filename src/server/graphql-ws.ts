import { execute, getOperationAST, getVariableValues, GraphQLError, parse, validate, type ExecutionArgs, type ExecutionResult, type FormattedExecutionResult, type GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocket, type WebSocketServer } from 'ws';
import type { RequestContext } from '../resolvers';
import { DomainError, type Principal, type Services } from '../services';
import { correlationIdFrom } from './correlation-id';
import { formatGraphQLError } from './error-formatter';
import { rateLimit } from './mutation-rate-limit';
import { allValidationRules, introspectionNeedsKey, PARSE_OPTIONS, readsIntrospection } from './operation-policy';
import { createRequestContext, principalFrom, withFreshLoaders } from './request-context';
import type { FanoutTarget } from './fanned-out-subscription';
import { LiveFanout } from './live-fanout';
import { SharedEventExecutions, subscribeWithContextPerEvent } from './subscription-execution';

/** Keep-alive ping interval on idle sockets, in ms. Default 12_000. */
const KEEP_ALIVE_MS = 12_000;

/**
 * Close code of a socket whose subscriber fell too far behind (SLOW_CONSUMER). Outside
 * graphql-ws's own codes and not one its client treats as fatal, so clients reconnect; they
 * resume with events(after: <last cursor seen>).
 */
export const SLOW_CONSUMER_CLOSE_CODE = 4008;

/** The cause graphql-ws wrapped (it wraps errors thrown by a subscription's stream without a path). */
function unwrapStreamError(error: GraphQLError): unknown {
  return error.originalError instanceof DomainError ? error.originalError : error;
}

/**
 * Tells a subscriber that fell behind and closes its socket. Written directly because
 * graphql-ws is still waiting for the socket to take the previous message; both frames
 * queue behind what the client has not read yet.
 */
function closeSlowConsumer(socket: WebSocket, id: string, error: DomainError, context: RequestContext): void {
  setImmediate(() => {
    if (socket.readyState !== WebSocket.OPEN) return;
    const payload = [formatGraphQLError({ message: error.message }, error, context.log, context.correlationId)];
    socket.send(JSON.stringify({ id, type: 'error', payload }));
    socket.close(SLOW_CONSUMER_CLOSE_CODE, 'slow consumer: resume with events(after:)');
    context.log.warn({ operationId: id, principal: context.principal?.name }, 'closed a WebSocket whose subscriber fell behind');
  });
}

/**
 * The key under which identical subscriptions share each event's execution. Authorisation is
 * by role, so one role's identical operations see identical results. Undefined (no sharing)
 * for variables too deep to serialise.
 */
function liveExecutionKey(context: RequestContext, payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null }): string | undefined {
  try {
    return JSON.stringify([context.principal?.role ?? null, payload.operationName ?? null, payload.query, payload.variables ?? null]);
  } catch (error: unknown) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/** A result's errors as the subscriber of `context` may see them (unexpected ones masked and logged). */
function withFormattedErrors(result: ExecutionResult, context: RequestContext): FormattedExecutionResult {
  const { errors, ...rest } = result;
  if (!errors || errors.length === 0) return rest;
  return { ...rest, errors: errors.map((error) => formatGraphQLError(error.toJSON(), error, context.log, context.correlationId)) };
}

type SocketState = {
  principal?: Principal;
  correlationId?: string;
};

type SocketExtra = Extra & SocketState;

/**
 * graphql-ws on our WebSocket server: authentication in connection_init (a missing or
 * bad key closes with 4403), the same validation rules and error policy as HTTP.
 */
export function attachGraphQLWebSocket(wsServer: WebSocketServer, schema: GraphQLSchema, services: Services): { dispose(): Promise<void> } {
  const rules = allValidationRules(services.config);
  // As on HTTP: outside development, "Did you mean …?" would let clients map the schema field by field.
  const hideSuggestions = (message: string): string => (services.config.nodeEnv === 'development' ? message : message.replace(/ Did you mean .+\?$/, ''));
  const sockets = new Map<string, Set<SocketExtra['socket']>>();
  const sharedExecutions = new SharedEventExecutions();
  const fanout = new LiveFanout(sharedExecutions, services.config.subscriptionBufferEvents);
  /** Each subscription's socket and operation id, by its context (graphql-ws hands subscribe() only the execution arguments). */
  const fanoutTargets = new WeakMap<object, FanoutTarget>();
  const stopListening = services.apiKeys.onRevoked((keyId) => {
    // A revoked key loses its live sockets at once, not at their next operation.
    for (const socket of sockets.get(keyId) ?? []) socket.close(CloseCode.Forbidden, 'Forbidden: API key revoked');
    sockets.delete(keyId);
  });

  const routeOf = (context: unknown) => {
    const target = typeof context === 'object' && context !== null ? fanoutTargets.get(context) : undefined;
    return target === undefined ? undefined : { fanout, target };
  };

  const server = useServer<Record<string, unknown> | undefined, SocketState>(
    {
      schema,
      execute,
      // Each event runs with fresh loaders: no value cached for one event is served for the next.
      subscribe: (args) =>
        subscribeWithContextPerEvent(args, (base) => withFreshLoaders(base as RequestContext, services), {
          executions: sharedExecutions,
          key: (args.contextValue as RequestContext).liveExecutionKey,
          route: routeOf(args.contextValue),
        }),
      connectionInitWaitTimeout: 10_000,
      onConnect: async (ctx) => {
        const extra = ctx.extra as SocketExtra;
        const principal = await principalFrom(services, ctx.connectionParams?.['authorization']);
        if (principal === null) return false;
        extra.principal = principal;
        extra.correlationId = correlationIdFrom(extra.request.headers['x-request-id']);
        const group = sockets.get(principal.keyId) ?? new Set();
        group.add(extra.socket);
        sockets.set(principal.keyId, group);
        extra.socket.once('close', () => group.delete(extra.socket));
        return true;
      },
      onSubscribe: (ctx, id, payload) => {
        const extra = ctx.extra as SocketExtra;
        let document;
        try {
          document = parse(payload.query, PARSE_OPTIONS);
        } catch (error: unknown) {
          if (error instanceof GraphQLError) return [new GraphQLError(error.message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
          throw error;
        }
        const errors = validate(schema, document, rules);
        if (errors.length > 0) {
          return errors.map(
            (error) => new GraphQLError(hideSuggestions(error.message), { nodes: error.nodes, extensions: { code: error.extensions['code'] ?? 'GRAPHQL_VALIDATION_FAILED' } }),
          );
        }
        const context: RequestContext = createRequestContext(services, extra.principal ?? null, `${extra.correlationId ?? 'ws'}`);
        if (context.principal === null && readsIntrospection(document)) return [introspectionNeedsKey()];
        if (context.principal !== null && getOperationAST(document, payload.operationName ?? undefined)?.operation === 'mutation') {
          try {
            rateLimit(context);
          } catch (error: unknown) {
            if (error instanceof GraphQLError) return [new GraphQLError(error.message, { extensions: { code: error.extensions['code'], retryAfterMs: error.extensions['retryAfterMs'] } })];
            throw error;
          }
        }
        // Variables are the client's input: a bad one is BAD_USER_INPUT, as Apollo says on HTTP
        // (left to execute, it would come back as an unexpected error and be masked).
        const operation = getOperationAST(document, payload.operationName ?? undefined);
        const coerced = operation === null || operation === undefined ? undefined : getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {});
        if (coerced?.errors !== undefined) {
          return coerced.errors.map((error) => new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'BAD_USER_INPUT' } }));
        }
        const onSlowConsumer = (error: DomainError): void => closeSlowConsumer(extra.socket, id, error, context);
        context.onSlowConsumer = onSlowConsumer;
        if (operation?.operation === 'subscription') {
          context.liveExecutionKey = liveExecutionKey(context, payload);
          fanoutTargets.set(context, { socket: extra.socket, transport: extra.request.socket, id, formatErrors: (result) => withFormattedErrors(result, context), onOverflow: onSlowConsumer });
        }
        const args: ExecutionArgs = {
          schema,
          document,
          contextValue: context,
          variableValues: payload.variables ?? null,
          operationName: payload.operationName ?? null,
        };
        return args;
      },
      onNext: (_ctx, _id, _payload, args, result) => {
        if (!result.errors || result.errors.length === 0) return undefined;
        return withFormattedErrors(result, args.contextValue as RequestContext);
      },
      onError: (ctx, _id, _payload, errors) => {
        const extra = ctx.extra as SocketExtra;
        // A socket already closing gets nothing more (e.g. a failed write after a slow-consumer close).
        if (extra.socket.readyState !== WebSocket.OPEN) return undefined;
        return errors.map((error) => formatGraphQLError(error.toJSON(), unwrapStreamError(error), services.logger, extra.correlationId));
      },
    },
    wsServer,
    KEEP_ALIVE_MS,
  );

  return {
    async dispose() {
      stopListening();
      await server.dispose();
    },
  };
}
