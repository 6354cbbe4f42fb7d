import { GraphQLError, Kind, NoSchemaIntrospectionCustomRule, specifiedRules, type DocumentNode, type ValidationContext, type ValidationRule } from 'graphql';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { Config } from '../config';

/**
 * Limits of one operation, on HTTP and WebSocket alike: graphql-armor's defaults except
 * depth (6 is too shallow for a connection inside a connection: agents.edges.node.tasks.edges.node.x)
 * and cost: graphql-armor multiplies a selection's cost by its `first`, so a dashboard page of
 * 50 agents with their health and 5 tasks each costs about 19,500; 50,000 lets such pages
 * through and refuses, e.g., 500 agents with 5 tasks each (about 195,000).
 */
export const OPERATION_LIMITS = Object.freeze({ depth: 10, cost: 50_000, aliases: 15, directives: 50, tokens: 1_000 });

function tooComplex(context: ValidationContext | null, error: GraphQLError): void {
  context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code: 'QUERY_TOO_COMPLEX' } }));
}

/** Parser options of every operation: a document past the token limit is not even parsed. */
export const PARSE_OPTIONS = Object.freeze({ maxTokens: OPERATION_LIMITS.tokens });

/**
 * Validation rules that run on HTTP and on WebSocket alike (graphql-ws validates on its
 * own, so it must be handed the same list).
 */
export function operationRules(config: Config): ValidationRule[] {
  // Reported as validation errors coded QUERY_TOO_COMPLEX; graphql-armor's default is to
  // throw, which a server would take for an internal failure.
  const reject = { propagateOnRejection: false, exposeLimits: true, onReject: [tooComplex] };
  const limits: ValidationRule[] = [
    maxDepthRule({ n: OPERATION_LIMITS.depth, ignoreIntrospection: true, flattenFragments: true, ...reject }) as unknown as ValidationRule,
    maxAliasesRule({ n: OPERATION_LIMITS.aliases, ...reject }) as unknown as ValidationRule,
    costLimitRule({ maxCost: OPERATION_LIMITS.cost, ignoreIntrospection: true, ...reject }) as unknown as ValidationRule,
    maxDirectivesRule({ n: OPERATION_LIMITS.directives, ...reject }) as unknown as ValidationRule,
  ];
  return config.graphiql ? limits : [...limits, NoSchemaIntrospectionCustomRule];
}

export function allValidationRules(config: Config): ValidationRule[] {
  return [...specifiedRules, ...operationRules(config)];
}

/** Whether an operation reads the schema (__schema / __type), which needs a valid key. */
export function readsIntrospection(document: DocumentNode): boolean {
  let found = false;
  const visit = (selections: readonly { kind: string; name?: { value: string }; selectionSet?: { selections: readonly unknown[] } }[]): void => {
    for (const selection of selections) {
      if (found) return;
      if (selection.kind === Kind.FIELD && (selection.name?.value === '__schema' || selection.name?.value === '__type')) found = true;
      else if (selection.selectionSet) visit(selection.selectionSet.selections as never);
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) visit(definition.selectionSet.selections as never);
  }
  return found;
}

/**
 * Refusals before execution carry their HTTP status (Apollo answers 500 for an error thrown
 * before execution without one); Apollo takes `http` out of the extensions it sends.
 */
export function introspectionNeedsKey(): GraphQLError {
  return new GraphQLError('introspection needs an API key: send "Authorization: Bearer <key>"', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/** A subscription sent over HTTP, where it cannot run: without a key, the key is what is missing first. */
export function subscriptionNeedsWebSocket(authenticated: boolean): GraphQLError {
  if (!authenticated) return new GraphQLError('an API key is required: send "Authorization: Bearer <key>"', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  return new GraphQLError('subscriptions are served over WebSocket (graphql-ws, subprotocol graphql-transport-ws) at /graphql, not over HTTP', {
    extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
  });
}
