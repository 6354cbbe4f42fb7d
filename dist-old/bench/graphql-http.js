"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.gql = gql;
exports.runningHealthAgent = runningHealthAgent;
exports.percentile = percentile;
exports.pooled = pooled;
const node_http_1 = require("node:http");
/** Keep-alive connections shared by the load generators (node:http costs the bench process less CPU than fetch). */
const keepAlive = new node_http_1.Agent({ keepAlive: true, maxSockets: 256 });
/** A minimal keep-alive GraphQL client for the load generators. */
async function gql(url, key, query, variables) {
    const payload = JSON.stringify({ query, variables });
    const text = await new Promise((resolve, reject) => {
        const call = (0, node_http_1.request)(`${url}/graphql`, { method: 'POST', agent: keepAlive, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), authorization: `Bearer ${key}` } }, (response) => {
            const chunks = [];
            response.on('data', (chunk) => chunks.push(chunk));
            response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
            response.on('error', reject);
        });
        call.on('error', reject);
        call.end(payload);
    });
    const body = JSON.parse(text);
    if (body.errors)
        throw new Error(`GraphQL errors: ${JSON.stringify(body.errors).slice(0, 500)}`);
    return body.data;
}
async function runningHealthAgent(url, key, name, maxConcurrency) {
    const { createAgent } = await gql(url, key, `mutation ($input: CreateAgentInput!) { createAgent(input: $input) { id } }`, {
        input: { name, type: 'health-check', config: {}, maxConcurrency },
    });
    await gql(url, key, `mutation ($id: ID!) { startAgent(id: $id) { status } }`, { id: createAgent.id });
    for (let i = 0; i < 500; i += 1) {
        const { agent } = await gql(url, key, `query ($id: ID!) { agent(id: $id) { status } }`, { id: createAgent.id });
        if (agent.status === 'RUNNING')
            return createAgent.id;
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`agent ${name} did not reach RUNNING`);
}
/** Percentile of a sorted-on-demand sample, in the sample's unit. */
function percentile(values, p) {
    if (values.length === 0)
        return Number.NaN;
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
/** Runs `count` calls of `work` with at most `concurrency` in flight. */
async function pooled(count, concurrency, work) {
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, async () => {
        while (next < count) {
            const index = next;
            next += 1;
            await work(index);
        }
    }));
}
//# sourceMappingURL=graphql-http.js.map