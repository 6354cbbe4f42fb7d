import { execute, GraphQLError, parse, subscribe, validate, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import type { WebSocketServer } from 'ws';
import type { RequestContext } from '../resolvers';
import type { Principal, Services } from '../services';
import { correlationIdFrom } from './correlation-id';
import { formatGraphQLError } from './error-formatter';
import { allValidationRules, introspectionNeedsKey, readsIntrospection } from './operation-policy';
import { createRequestContext, principalFrom } from './request-context';

/** Keep-alive ping interval on idle sockets, in ms. Default 12_000. */
const KEEP_ALIVE_MS = 12_000;

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
  const sockets = new Map<string, Set<SocketExtra['socket']>>();
  const stopListening = services.apiKeys.onRevoked((keyId) => {
    // A revoked key loses its live sockets at once, not at their next operation.
    for (const socket of sockets.get(keyId) ?? []) socket.close(CloseCode.Forbidden, 'Forbidden: API key revoked');
    sockets.delete(keyId);
  });

  const server = useServer<Record<string, unknown> | undefined, SocketState>(
    {
      schema,
      execute,
      subscribe,
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
      onSubscribe: (ctx, _id, payload) => {
        const extra = ctx.extra as SocketExtra;
        let document;
        try {
          document = parse(payload.query);
        } catch (error: unknown) {
          if (error instanceof GraphQLError) return [new GraphQLError(error.message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
          throw error;
        }
        const errors = validate(schema, document, rules);
        if (errors.length > 0) {
          return errors.map((error) => new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
        }
        const context: RequestContext = createRequestContext(services, extra.principal ?? null, `${extra.correlationId ?? 'ws'}`);
        if (context.principal === null && readsIntrospection(document)) return [introspectionNeedsKey()];
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
        const context = args.contextValue as RequestContext;
        return { ...result, errors: result.errors.map((error) => formatGraphQLError(error.toJSON(), error, context.log, context.correlationId)) };
      },
      onError: (ctx, _id, _payload, errors) => errors.map((error) => formatGraphQLError(error.toJSON(), error, services.logger, (ctx.extra as SocketExtra).correlationId)),
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
