"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.measureAgentStartup = measureAgentStartup;
const pg_1 = require("pg");
const graphql_http_1 = require("../graphql-http");
/** startAgent → the agent's RUNNING event committed, for `agents` agents started one after another. */
async function measureAgentStartup(api, databaseUrl, agents) {
    const db = new pg_1.Client({ connectionString: databaseUrl });
    await db.connect();
    const latencies = [];
    try {
        for (let index = 0; index < agents; index += 1) {
            const { createAgent } = await (0, graphql_http_1.gql)(api.url, api.adminKey, `mutation ($input: CreateAgentInput!) { createAgent(input: $input) { id } }`, {
                input: { name: `startup-${Date.now()}-${index}`, type: 'health-check', config: {} },
            });
            const started = performance.now();
            await (0, graphql_http_1.gql)(api.url, api.adminKey, `mutation ($id: ID!) { startAgent(id: $id) { status } }`, { id: createAgent.id });
            for (;;) {
                const { rows } = await db.query(`SELECT 1 FROM events WHERE agent_id = $1 AND kind = 'AGENT_STATUS' AND status = 'RUNNING'`, [createAgent.id]);
                if (rows.length > 0)
                    break;
                await new Promise((resolve) => setTimeout(resolve, 1));
            }
            latencies.push(performance.now() - started);
        }
    }
    finally {
        await db.end();
    }
    return { agents, p50Ms: (0, graphql_http_1.percentile)(latencies, 50), p99Ms: (0, graphql_http_1.percentile)(latencies, 99) };
}
//# sourceMappingURL=agent-startup.measure.js.map