"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SharedEventExecutions = void 0;
exports.subscribeWithContextPerEvent = subscribeWithContextPerEvent;
const graphql_1 = require("graphql");
function isAsyncIterable(value) {
    return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
/**
 * Results of live events executed for one operation key, shared by every subscription with
 * that key: a thousand dashboards watching the same stream cost one execution per event, not
 * a thousand. Keyed by the event object the bus handed to all of them (replayed events are
 * read per subscriber, so they are never shared), and forgotten with it.
 */
class SharedEventExecutions {
    byEvent = new WeakMap();
    run(event, key, run) {
        if (key === undefined || typeof event !== 'object' || event === null)
            return run();
        let results = this.byEvent.get(event);
        if (results === undefined) {
            results = new Map();
            this.byEvent.set(event, results);
        }
        let result = results.get(key);
        if (result === undefined) {
            result = run();
            results.set(key, result);
        }
        return result;
    }
}
exports.SharedEventExecutions = SharedEventExecutions;
/**
 * graphql-js `subscribe`, except that every event is executed with a context of its own
 * (`contextForEvent`), so per-request loaders never serve one event's values to the next:
 * each event sees the database as it is when that event is delivered. Subscriptions with the
 * same `shared.key` execute each live event once between them.
 */
async function subscribeWithContextPerEvent(args, contextForEvent, shared) {
    const source = await (0, graphql_1.createSourceEventStream)(args);
    if (!isAsyncIterable(source))
        return source;
    const iterator = source[Symbol.asyncIterator]();
    const close = async () => {
        if (typeof iterator.return === 'function')
            await iterator.return();
    };
    const map = async (result) => {
        if (result.done === true)
            return { value: undefined, done: true };
        try {
            const executeEvent = async () => (0, graphql_1.execute)({ ...args, rootValue: result.value, contextValue: contextForEvent(args.contextValue) });
            const value = await shared.executions.run(result.value, shared.key, executeEvent);
            return { value, done: false };
        }
        catch (error) {
            await close().catch(() => undefined);
            throw error;
        }
    };
    const stream = {
        async next() {
            return map(await iterator.next());
        },
        async return() {
            await close();
            return { value: undefined, done: true };
        },
        async throw(error) {
            await close();
            throw error;
        },
        [Symbol.asyncIterator]() {
            return this;
        },
    };
    return stream;
}
//# sourceMappingURL=subscription-execution.js.map