"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.LIST_QUERY = exports.STATUS_QUERY = exports.HELLO_QUERY = void 0;
exports.measureQuery = measureQuery;
const autocannon_1 = __importDefault(require("autocannon"));
/** Requests each connection sends before a query is measured (JIT, caches and pools warm): 50. */
const WARM_UP_REQUESTS_PER_CONNECTION = 50;
/**
 * autocannon against one GraphQL query on the API for `seconds` with `connections` keep-alive
 * connections, after a warm-up of the same query that is not measured (so the first query
 * measured in a run is not the one that pays for warming the process up).
 */
async function measureQuery(api, name, query, variables, seconds, connections) {
    const options = {
        url: `${api.url}/graphql`,
        method: 'POST',
        connections,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${api.adminKey}` },
        body: JSON.stringify({ query, variables }),
    };
    await (0, autocannon_1.default)({ ...options, amount: connections * WARM_UP_REQUESTS_PER_CONNECTION });
    const result = await (0, autocannon_1.default)({ ...options, duration: seconds });
    return {
        name,
        requestsPerSecond: result.requests.average,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        errors: result.errors + result.non2xx + result.timeouts,
    };
}
exports.HELLO_QUERY = '{ __typename }';
exports.STATUS_QUERY = `query ($id: ID!) { agent(id: $id) { status health { status queuedTasks runningTasks succeededTasks failedTasks successRate avgTaskMs lastError lastActiveAt } } }`;
exports.LIST_QUERY = `{ agents(first: 50) { edges { node { id status health { status queuedTasks runningTasks succeededTasks failedTasks successRate avgTaskMs } tasks(first: 5) { edges { node { id status durationMs } } } } } } }`;
//# sourceMappingURL=query-latency.measure.js.map