import { GraphQLError, Kind, NoSchemaIntrospectionCustomRule, specifiedRules, type DocumentNode, type ValidationRule } from 'graphql';
import type { Config } from '../config';

/**
 * Validation rules that run on HTTP and on WebSocket alike (graphql-ws validates on its
 * own, so it must be handed the same list).
 */
export function operationRules(config: Config): ValidationRule[] {
  return config.graphiql ? [] : [NoSchemaIntrospectionCustomRule];
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

export function introspectionNeedsKey(): GraphQLError {
  return new GraphQLError('introspection needs an API key: send "Authorization: Bearer <key>"', { extensions: { code: 'UNAUTHENTICATED' } });
}
