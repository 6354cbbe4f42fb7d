"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.selectsField = selectsField;
const graphql_1 = require("graphql");
/**
 * Whether the operation selects `field` directly under the field being resolved (through
 * inline fragments and named fragments too), so a resolver can skip a lookup nobody asked for.
 */
function selectsField(info, field) {
    const seen = new Set();
    const inSet = (set) => {
        if (set === undefined)
            return false;
        return set.selections.some((selection) => {
            switch (selection.kind) {
                case graphql_1.Kind.FIELD:
                    return selection.name.value === field;
                case graphql_1.Kind.INLINE_FRAGMENT:
                    return inSet(selection.selectionSet);
                case graphql_1.Kind.FRAGMENT_SPREAD: {
                    const name = selection.name.value;
                    if (seen.has(name))
                        return false;
                    seen.add(name);
                    return inSet(info.fragments[name]?.selectionSet);
                }
            }
        });
    };
    return info.fieldNodes.some((node) => inSet(node.selectionSet));
}
//# sourceMappingURL=selection.js.map