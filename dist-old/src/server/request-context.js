"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.principalFrom = principalFrom;
exports.createRequestContext = createRequestContext;
exports.withFreshLoaders = withFreshLoaders;
exports.headerValue = headerValue;
const resolvers_1 = require("../resolvers");
const api_key_secret_1 = require("../services/auth/api-key-secret");
/** Resolves the presented key (HTTP header or connection_init payload) to a principal, or null. */
async function principalFrom(services, authorization) {
    const secret = (0, api_key_secret_1.bearerSecret)(typeof authorization === 'string' ? authorization : undefined);
    return secret === null ? null : services.apiKeys.authenticate(secret);
}
/**
 * One operation's context. Its logger is made when something logs: most requests never do, and
 * a pino child costs its bindings' serialisation and redaction set-up. The getter is on the
 * prototype so copies do not make it: Apollo copies every request's context, and live events
 * run on copies with fresh loaders.
 */
class OperationContext {
    principal;
    correlationId;
    services;
    loaders;
    onSlowConsumer;
    liveExecutionKey;
    requestLog;
    constructor(principal, correlationId, services, loaders) {
        this.principal = principal;
        this.correlationId = correlationId;
        this.services = services;
        this.loaders = loaders;
    }
    get log() {
        this.requestLog ??= this.services.logger.child({ correlationId: this.correlationId });
        return this.requestLog;
    }
}
function createRequestContext(services, principal, correlationId) {
    return new OperationContext(principal, correlationId, services, (0, resolvers_1.createLoaders)(services));
}
/** A copy of `context` with loaders of its own (one live event's execution: nothing cached for one event is served for the next). */
function withFreshLoaders(context, services) {
    const copy = Object.assign(Object.create(Object.getPrototypeOf(context)), context);
    copy.loaders = (0, resolvers_1.createLoaders)(services);
    return copy;
}
function headerValue(headers, name) {
    const value = headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
}
//# sourceMappingURL=request-context.js.map