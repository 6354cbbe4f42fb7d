"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.LIVE_CHANGE_INTERVAL_MS = void 0;
exports.measureLiveLatency = measureLiveLatency;
const ws_1 = __importDefault(require("ws"));
const graphql_http_1 = require("../graphql-http");
/** Time between changes, in ms: the bare-ws baseline's interval, so both measure the same load. */
exports.LIVE_CHANGE_INTERVAL_MS = 25;
/**
 * `subscribers` sockets speaking graphql-transport-ws (bare `ws` and JSON.parse, as the bare-ws
 * baseline's clients: the load generator shares the machine's cores with the server, and a full
 * client library per socket would weigh on the figure) subscribed to taskUpdated(agentId);
 * `changes` tasks distributed `LIVE_CHANGE_INTERVAL_MS` apart, each queued an hour ahead so it
 * is one change. Latency: from sending the mutation (its commit happens inside that span) to
 * each subscriber's receipt of the QUEUED update.
 */
async function measureLiveLatency(api, subscribers, changes) {
    const agentId = await (0, graphql_http_1.runningHealthAgent)(api.url, api.adminKey, `live-${Date.now()}`, 1_000);
    const receipts = new Map();
    const sockets = [];
    const subscribe = JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `subscription ($agentId: ID) { taskUpdated(agentId: $agentId) { id status } }`, variables: { agentId } } });
    await Promise.all(Array.from({ length: subscribers }, () => {
        const socket = new ws_1.default(`${api.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
        sockets.push(socket);
        return new Promise((resolve, reject) => {
            socket.once('error', reject);
            socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${api.adminKey}` } })));
            socket.on('message', (data) => {
                const at = performance.now();
                const message = JSON.parse(data.toString());
                if (message.type === 'connection_ack') {
                    socket.send(subscribe);
                    resolve();
                }
                else if (message.type === 'next') {
                    const update = message.payload?.data?.taskUpdated;
                    if (update?.status !== 'QUEUED')
                        return;
                    const list = receipts.get(update.id) ?? [];
                    list.push(at);
                    receipts.set(update.id, list);
                }
                else if (message.type === 'error') {
                    reject(new Error(`subscription refused: ${JSON.stringify(message.payload)}`));
                }
            });
        });
    }));
    // graphql-transport-ws does not acknowledge a subscribe: give the server a moment to attach them all.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const latencies = [];
    const sent = new Map();
    const answers = [];
    for (let change = 0; change < changes; change += 1) {
        const started = performance.now();
        // Queued for later: each change is exactly one event (a task that ran would add RUNNING
        // and SUCCEEDED, 200 more changes fanned out to every subscriber).
        const { distributeTask } = await (0, graphql_http_1.gql)(api.url, api.adminKey, `mutation ($input: DistributeTaskInput!) { distributeTask(input: $input) { id } }`, {
            input: { type: 'noop', agentId, runAt: new Date(Date.now() + 3_600_000).toISOString() },
        });
        sent.set(distributeTask.id, started);
        answers.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + exports.LIVE_CHANGE_INTERVAL_MS - performance.now())));
    }
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && [...sent.keys()].some((id) => (receipts.get(id)?.length ?? 0) < subscribers))
        await new Promise((resolve) => setTimeout(resolve, 50));
    for (const [id, started] of sent)
        for (const at of receipts.get(id) ?? [])
            latencies.push(at - started);
    for (const socket of sockets)
        socket.terminate();
    return {
        subscribers,
        changes,
        deliveries: latencies.length,
        p50Ms: (0, graphql_http_1.percentile)(latencies, 50),
        p99Ms: (0, graphql_http_1.percentile)(latencies, 99),
        maxMs: latencies.reduce((max, value) => Math.max(max, value), Number.NEGATIVE_INFINITY),
        answerP50Ms: (0, graphql_http_1.percentile)(answers, 50),
        answerP99Ms: (0, graphql_http_1.percentile)(answers, 99),
    };
}
//# sourceMappingURL=live-latency.measure.js.map