"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.GraphQLHttpHandler = void 0;
const server_1 = require("@apollo/server");
const disabled_1 = require("@apollo/server/plugin/disabled");
const errors_1 = require("@apollo/server/errors");
const error_formatter_1 = require("./error-formatter");
const mutation_rate_limit_1 = require("./mutation-rate-limit");
const operation_policy_1 = require("./operation-policy");
const request_context_1 = require("./request-context");
const http_io_1 = require("./http-io");
/** Refuses anonymous introspection and subscriptions (WebSocket only), and charges mutations to the key's rate limit. */
function policyPlugin() {
    return {
        async requestDidStart() {
            return {
                async didResolveOperation({ contextValue, document, operation }) {
                    if (contextValue.principal === null && (0, operation_policy_1.readsIntrospection)(document))
                        throw (0, operation_policy_1.introspectionNeedsKey)();
                    // Executed over HTTP, a subscription field would fail as an internal error.
                    if (operation?.operation === 'subscription')
                        throw (0, operation_policy_1.subscriptionNeedsWebSocket)(contextValue.principal !== null);
                    if (operation?.operation === 'mutation' && contextValue.principal !== null)
                        (0, mutation_rate_limit_1.rateLimit)(contextValue);
                },
            };
        },
    };
}
/** Apollo Server behind our own node:http handler: no framework, one body limit, one error policy. */
class GraphQLHttpHandler {
    services;
    apollo;
    constructor(schema, services) {
        this.services = services;
        const { config, logger } = services;
        this.apollo = new server_1.ApolloServer({
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
            validationRules: (0, operation_policy_1.operationRules)(config),
            parseOptions: operation_policy_1.PARSE_OPTIONS,
            logger: { debug: () => undefined, info: () => undefined, warn: (m) => logger.warn(m), error: (m) => logger.error(m) },
            // Cache hints are not used: without the plugin, Apollo does not wrap every field's resolver to collect them.
            plugins: [(0, disabled_1.ApolloServerPluginLandingPageDisabled)(), (0, disabled_1.ApolloServerPluginCacheControlDisabled)(), policyPlugin(), this.errorContextPlugin()],
            // Unexpected errors are logged by errorContextPlugin, with the request's correlation id; here they are only masked.
            formatError: (formatted, error) => (0, error_formatter_1.formatGraphQLError)(formatted, error, undefined, undefined),
        });
    }
    async start() {
        await this.apollo.start();
    }
    async stop() {
        await this.apollo.stop();
    }
    async handle(request, response, correlationId) {
        const { config } = this.services;
        let body;
        if (request.method === 'POST') {
            const read = await (0, http_io_1.readBody)(request, config.maxBodyBytes);
            if (read.kind === 'too-large') {
                (0, http_io_1.sendJson)(response, 413, { errors: [{ message: `request body is larger than ${config.maxBodyBytes} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
                return;
            }
            const contentType = request.headers['content-type'] ?? '';
            if (contentType.includes('json')) {
                try {
                    body = read.text.length === 0 ? undefined : JSON.parse(read.text);
                }
                catch {
                    (0, http_io_1.sendJson)(response, 400, { errors: [{ message: 'request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
                    return;
                }
            }
            else {
                body = read.text;
            }
        }
        const headers = new server_1.HeaderMap();
        for (const [name, value] of Object.entries(request.headers)) {
            if (value !== undefined)
                headers.set(name, Array.isArray(value) ? value.join(', ') : value);
        }
        const url = new URL(request.url ?? '/', 'http://localhost');
        const principal = await (0, request_context_1.principalFrom)(this.services, request.headers.authorization);
        const context = (0, request_context_1.createRequestContext)(this.services, principal, correlationId);
        const result = await this.apollo.executeHTTPGraphQLRequest({
            httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body },
            context: async () => context,
        });
        for (const [name, value] of result.headers)
            response.setHeader(name, value);
        response.statusCode = result.status ?? 200;
        if (result.body.kind === 'complete') {
            response.end(result.body.string);
            return;
        }
        for await (const chunk of result.body.asyncIterator)
            response.write(chunk);
        response.end();
    }
    /** Unexpected errors are logged with the correlation id of the request they happened in. */
    errorContextPlugin() {
        return {
            async requestDidStart() {
                return {
                    async didEncounterErrors({ contextValue, errors }) {
                        for (const error of errors) {
                            if (!(0, error_formatter_1.isExpectedError)(error))
                                contextValue.log.error({ err: (0, errors_1.unwrapResolverError)(error), path: error.path }, 'unexpected error in a GraphQL operation');
                        }
                    },
                };
            },
        };
    }
}
exports.GraphQLHttpHandler = GraphQLHttpHandler;
//# sourceMappingURL=graphql-http.js.map