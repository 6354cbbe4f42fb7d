"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.measureWorkflowOverhead = measureWorkflowOverhead;
const pg_1 = require("pg");
const graphql_http_1 = require("../graphql-http");
/** A chain of `steps` noop steps: wall time from runWorkflow to SUCCEEDED minus the steps' own run times, per step. */
async function measureWorkflowOverhead(api, databaseUrl, runs, steps) {
    await (0, graphql_http_1.runningHealthAgent)(api.url, api.adminKey, `workflow-${Date.now()}`, 100);
    const name = `bench-chain-${Date.now()}`;
    const definition = {
        name,
        steps: Array.from({ length: steps }, (_, index) => ({
            id: `s${index}`,
            task: 'noop',
            agentType: 'health-check',
            ...(index === 0 ? {} : { dependsOn: [`s${index - 1}`] }),
        })),
    };
    await (0, graphql_http_1.gql)(api.url, api.adminKey, `mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }`, { input: { definition: JSON.stringify(definition) } });
    const db = new pg_1.Client({ connectionString: databaseUrl });
    await db.connect();
    const totals = [];
    const overheads = [];
    try {
        for (let run = 0; run < runs; run += 1) {
            const started = performance.now();
            const { runWorkflow } = await (0, graphql_http_1.gql)(api.url, api.adminKey, `mutation ($input: RunWorkflowInput!) { runWorkflow(input: $input) { id } }`, { input: { name } });
            for (;;) {
                const { rows } = await db.query('SELECT status FROM workflow_runs WHERE id = $1', [runWorkflow.id]);
                if (['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(rows[0].status)) {
                    if (rows[0].status !== 'SUCCEEDED')
                        throw new Error(`workflow run ${runWorkflow.id} ended ${rows[0].status}`);
                    break;
                }
                await new Promise((resolve) => setTimeout(resolve, 1));
            }
            const total = performance.now() - started;
            const { rows } = await db.query('SELECT coalesce(sum(duration_ms), 0)::float8 AS busy FROM agent_tasks WHERE workflow_run_id = $1', [runWorkflow.id]);
            totals.push(total);
            overheads.push((total - rows[0].busy) / steps);
        }
    }
    finally {
        await db.end();
    }
    return { runs, steps, p50TotalMs: (0, graphql_http_1.percentile)(totals, 50), p50OverheadPerStepMs: (0, graphql_http_1.percentile)(overheads, 50) };
}
//# sourceMappingURL=workflow-overhead.measure.js.map