"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.rateLimit = rateLimit;
const graphql_1 = require("graphql");
const services_1 = require("../services");
/** Charges one mutation to the request's key; over the limit the operation is refused before it runs. */
function rateLimit(context) {
    try {
        context.services.mutationLimiter.consume(context.principal.keyId);
    }
    catch (error) {
        if (error instanceof services_1.DomainError)
            throw new graphql_1.GraphQLError(error.message, { extensions: { ...error.extensions, code: error.code, http: { status: 429 } } });
        throw error;
    }
}
//# sourceMappingURL=mutation-rate-limit.js.map