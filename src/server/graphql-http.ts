import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import type { RequestContext } from '../resolvers';
import type { Services } from '../services';
import { unwrapResolverError } from '@apollo/server/errors';
import { formatGraphQLError, isExpectedError } from './error-formatter';
import { rateLimit } from './mutation-rate-limit';
import { introspectionNeedsKey, operationRules, PARSE_OPTIONS, readsIntrospection, subscriptionNeedsWebSocket } from './operation-policy';
import { createRequestContext, principalFrom } from './request-context';
import { readBody, sendJson } from './http-io';

/** Refuses anonymous introspection and subscriptions (WebSocket only), and charges mutations to the key's rate limit. */
function policyPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operation }) {
          if (contextValue.principal === null && readsIntrospection(document)) throw introspectionNeedsKey();
          // Executed over HTTP, a subscription field would fail as an internal error.
          if (operation?.operation === 'subscription') throw subscriptionNeedsWebSocket(contextValue.principal !== null);
          if (operation?.operation === 'mutation' && contextValue.principal !== null) rateLimit(contextValue);
        },
      };
    },
  };
}

/** Apollo Server behind our own node:http handler: no framework, one body limit, one error policy. */
export class GraphQLHttpHandler {
  private readonly apollo: ApolloServer<RequestContext>;

  constructor(
    schema: GraphQLSchema,
    private readonly services: Services,
  ) {
    const { config, logger } = services;
    this.apollo = new ApolloServer<RequestContext>({
      schema,
      introspection: config.graphiql,
      csrfPrevention: true,
      // Our SIGTERM handler drains and stops everything in order; Apollo's own would stop only
      // Apollo and then re-raise the signal, killing the process before the pools and the
      // embedded PostgreSQL are closed.
      stopOnTerminationSignals: false,
      allowBatchedHttpRequests: false,
      includeStacktraceInErrorResponses: false,
      hideSchemaDetailsFromClientErrors: config.nodeEnv !== 'development',
      validationRules: operationRules(config),
      parseOptions: PARSE_OPTIONS,
      logger: { debug: () => undefined, info: () => undefined, warn: (m) => logger.warn(m), error: (m) => logger.error(m) },
      // Cache hints are not used: without the plugin, Apollo does not wrap every field's resolver to collect them.
      plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), policyPlugin(), this.errorContextPlugin()],
      // Unexpected errors are logged by errorContextPlugin, with the request's correlation id; here they are only masked.
      formatError: (formatted, error) => formatGraphQLError(formatted, error, undefined, undefined),
    });
  }

  async start(): Promise<void> {
    await this.apollo.start();
  }

  async stop(): Promise<void> {
    await this.apollo.stop();
  }

  /** `search`: the request target's query string ('' when it has none), as the router parsed it. */
  async handle(request: IncomingMessage, response: ServerResponse, correlationId: string, search: string): Promise<void> {
    const { config } = this.services;
    let body: unknown;
    if (request.method === 'POST') {
      const read = await readBody(request, config.maxBodyBytes);
      if (read.kind === 'too-large') {
        sendJson(response, 413, { errors: [{ message: `request body is larger than ${config.maxBodyBytes} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
        return;
      }
      const contentType = request.headers['content-type'] ?? '';
      if (contentType.includes('json')) {
        try {
          body = read.text.length === 0 ? undefined : (JSON.parse(read.text) as unknown);
        } catch {
          sendJson(response, 400, { errors: [{ message: 'request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
          return;
        }
      } else {
        body = read.text;
      }
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const principal = await principalFrom(this.services, request.headers.authorization);
    const context = createRequestContext(this.services, principal, correlationId);
    const result = await this.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method ?? 'GET', headers, search, body },
      context: async () => context,
    });
    for (const [name, value] of result.headers) response.setHeader(name, value);
    response.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      response.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  }

  /** Unexpected errors are logged with the correlation id of the request they happened in. */
  private errorContextPlugin(): ApolloServerPlugin<RequestContext> {
    return {
      async requestDidStart() {
        return {
          async didEncounterErrors({ contextValue, errors }) {
            for (const error of errors) {
              if (!isExpectedError(error)) contextValue.log.error({ err: unwrapResolverError(error), path: error.path }, 'unexpected error in a GraphQL operation');
            }
          },
        };
      },
    };
  }
}
