"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.actorOf = actorOf;
const services_1 = require("../services");
/** The actor of a mutation: the authenticated key's name and the request's correlation id. */
function actorOf(context) {
    if (context.principal === null)
        throw new services_1.DomainError('UNAUTHENTICATED', 'an API key is required');
    return { name: context.principal.name, correlationId: context.correlationId };
}
//# sourceMappingURL=context.js.map