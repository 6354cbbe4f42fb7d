"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.measureThroughput = measureThroughput;
const pg_1 = require("pg");
const graphql_http_1 = require("../graphql-http");
/**
 * End to end: `tasks` noop tasks submitted through distributeTask (or, `perCall` > 1,
 * distributeTasks) over HTTP by `clients` concurrent clients, timed from the first request to
 * the last SUCCEEDED (its completed_at).
 */
async function measureThroughput(api, databaseUrl, tasks, clients, perCall = 1) {
    const agentId = await (0, graphql_http_1.runningHealthAgent)(api.url, api.adminKey, `throughput-${Date.now()}`, 1_000);
    const db = new pg_1.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
        const startedAt = new Date();
        const started = performance.now();
        if (perCall === 1) {
            await (0, graphql_http_1.pooled)(tasks, clients, async () => {
                await (0, graphql_http_1.gql)(api.url, api.adminKey, `mutation ($input: DistributeTaskInput!) { distributeTask(input: $input) { id } }`, { input: { type: 'noop', agentId } });
            });
        }
        else {
            // distributeTasks: `perCall` tasks a call.
            await (0, graphql_http_1.pooled)(Math.ceil(tasks / perCall), clients, async (call) => {
                const inputs = Array.from({ length: Math.min(perCall, tasks - call * perCall) }, () => ({ type: 'noop', agentId }));
                await (0, graphql_http_1.gql)(api.url, api.adminKey, `mutation ($inputs: [DistributeTaskInput!]!) { distributeTasks(inputs: $inputs) { id } }`, { inputs });
            });
        }
        const submitSeconds = (performance.now() - started) / 1000;
        for (;;) {
            const { rows } = await db.query(`SELECT count(*) FILTER (WHERE status IN ('SUCCEEDED','FAILED','CANCELLED'))::int AS done, max(completed_at) AS last FROM agent_tasks WHERE agent_id = $1`, [agentId]);
            if (rows[0].done >= tasks) {
                const seconds = (new Date(rows[0].last).getTime() - startedAt.getTime()) / 1000;
                return { tasks, seconds, tasksPerSecond: tasks / seconds, submitSeconds };
            }
            await new Promise((resolve) => setTimeout(resolve, 50));
        }
    }
    finally {
        await db.end();
    }
}
//# sourceMappingURL=throughput.measure.js.map