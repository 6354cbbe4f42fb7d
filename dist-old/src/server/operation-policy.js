"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PARSE_OPTIONS = exports.OPERATION_LIMITS = void 0;
exports.operationRules = operationRules;
exports.allValidationRules = allValidationRules;
exports.readsIntrospection = readsIntrospection;
exports.introspectionNeedsKey = introspectionNeedsKey;
exports.subscriptionNeedsWebSocket = subscriptionNeedsWebSocket;
const graphql_1 = require("graphql");
const graphql_armor_cost_limit_1 = require("@escape.tech/graphql-armor-cost-limit");
const graphql_armor_max_aliases_1 = require("@escape.tech/graphql-armor-max-aliases");
const graphql_armor_max_depth_1 = require("@escape.tech/graphql-armor-max-depth");
const graphql_armor_max_directives_1 = require("@escape.tech/graphql-armor-max-directives");
/**
 * Limits of one operation, on HTTP and WebSocket alike: graphql-armor's defaults except
 * depth (6 is too shallow for a connection inside a connection: agents.edges.node.tasks.edges.node.x)
 * and cost: graphql-armor multiplies a selection's cost by its `first`, so a dashboard page of
 * 50 agents with their health and 5 tasks each costs about 19,500; 50,000 lets such pages
 * through and refuses, e.g., 500 agents with 5 tasks each (about 195,000).
 */
exports.OPERATION_LIMITS = Object.freeze({ depth: 10, cost: 50_000, aliases: 15, directives: 50, tokens: 1_000 });
function tooComplex(context, error) {
    context?.reportError(new graphql_1.GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code: 'QUERY_TOO_COMPLEX' } }));
}
/** Parser options of every operation: a document past the token limit is not even parsed. */
exports.PARSE_OPTIONS = Object.freeze({ maxTokens: exports.OPERATION_LIMITS.tokens });
/**
 * Validation rules that run on HTTP and on WebSocket alike (graphql-ws validates on its
 * own, so it must be handed the same list).
 */
function operationRules(config) {
    // Reported as validation errors coded QUERY_TOO_COMPLEX; graphql-armor's default is to
    // throw, which a server would take for an internal failure.
    const reject = { propagateOnRejection: false, exposeLimits: true, onReject: [tooComplex] };
    const limits = [
        (0, graphql_armor_max_depth_1.maxDepthRule)({ n: exports.OPERATION_LIMITS.depth, ignoreIntrospection: true, flattenFragments: true, ...reject }),
        (0, graphql_armor_max_aliases_1.maxAliasesRule)({ n: exports.OPERATION_LIMITS.aliases, ...reject }),
        (0, graphql_armor_cost_limit_1.costLimitRule)({ maxCost: exports.OPERATION_LIMITS.cost, ignoreIntrospection: true, ...reject }),
        (0, graphql_armor_max_directives_1.maxDirectivesRule)({ n: exports.OPERATION_LIMITS.directives, ...reject }),
    ];
    return config.graphiql ? limits : [...limits, graphql_1.NoSchemaIntrospectionCustomRule];
}
function allValidationRules(config) {
    return [...graphql_1.specifiedRules, ...operationRules(config)];
}
/** Whether an operation reads the schema (__schema / __type), which needs a valid key. */
function readsIntrospection(document) {
    let found = false;
    const visit = (selections) => {
        for (const selection of selections) {
            if (found)
                return;
            if (selection.kind === graphql_1.Kind.FIELD && (selection.name?.value === '__schema' || selection.name?.value === '__type'))
                found = true;
            else if (selection.selectionSet)
                visit(selection.selectionSet.selections);
        }
    };
    for (const definition of document.definitions) {
        if (definition.kind === graphql_1.Kind.OPERATION_DEFINITION || definition.kind === graphql_1.Kind.FRAGMENT_DEFINITION)
            visit(definition.selectionSet.selections);
    }
    return found;
}
/**
 * Refusals before execution carry their HTTP status (Apollo answers 500 for an error thrown
 * before execution without one); Apollo takes `http` out of the extensions it sends.
 */
function introspectionNeedsKey() {
    return new graphql_1.GraphQLError('introspection needs an API key: send "Authorization: Bearer <key>"', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}
/** A subscription sent over HTTP, where it cannot run: without a key, the key is what is missing first. */
function subscriptionNeedsWebSocket(authenticated) {
    if (!authenticated)
        return new graphql_1.GraphQLError('an API key is required: send "Authorization: Bearer <key>"', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
    return new graphql_1.GraphQLError('subscriptions are served over WebSocket (graphql-ws, subprotocol graphql-transport-ws) at /graphql, not over HTTP', {
        extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
    });
}
//# sourceMappingURL=operation-policy.js.map