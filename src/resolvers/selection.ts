import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the operation selects `field` directly under the field being resolved (through
 * inline fragments and named fragments too), so a resolver can skip a lookup nobody asked for.
 */
export function selectsField(info: GraphQLResolveInfo, field: string): boolean {
  const seen = new Set<string>();
  const inSet = (set: SelectionSetNode | undefined): boolean => {
    if (set === undefined) return false;
    return set.selections.some((selection) => {
      switch (selection.kind) {
        case Kind.FIELD:
          return selection.name.value === field;
        case Kind.INLINE_FRAGMENT:
          return inSet(selection.selectionSet);
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          if (seen.has(name)) return false;
          seen.add(name);
          return inSet(info.fragments[name]?.selectionSet);
        }
      }
    });
  };
  return info.fieldNodes.some((node) => inSet(node.selectionSet));
}
