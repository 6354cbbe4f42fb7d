"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const bench_context_1 = require("./bench-context");
const graphql_http_1 = require("./graphql-http");
const agent_startup_measure_1 = require("./measures/agent-startup.measure");
const live_latency_measure_1 = require("./measures/live-latency.measure");
const query_latency_measure_1 = require("./measures/query-latency.measure");
const raw_graphile_measure_1 = require("./measures/raw-graphile.measure");
const raw_websocket_measure_1 = require("./measures/raw-websocket.measure");
const sql_count_measure_1 = require("./measures/sql-count.measure");
const throughput_measure_1 = require("./measures/throughput.measure");
const workflow_overhead_measure_1 = require("./measures/workflow-overhead.measure");
const report_1 = require("./report");
const progress = (text) => {
    process.stderr.write(`[bench] ${text}\n`);
};
const f = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
function residentMb(pid) {
    const status = (0, node_fs_1.readFileSync)(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : Number.NaN;
}
/** The API's V8 heap in use and reserved, and memory outside it (Buffers), from its /metrics, in MB. */
async function heapFigures(api) {
    const response = await fetch(`${api.url}/metrics`, { headers: { authorization: `Bearer ${api.adminKey}` } });
    const text = await response.text();
    const read = (name) => {
        const match = new RegExp(`^velocity_${name} (\\d+(?:\\.\\d+)?(?:e\\+\\d+)?)`, 'm').exec(text);
        return match ? Number(match[1]) / 1_048_576 : Number.NaN;
    };
    return { heapUsedMb: read('process_nodejs_heap_size_used_bytes'), heapTotalMb: read('process_nodejs_heap_size_total_bytes'), externalMb: read('process_nodejs_external_memory_bytes') };
}
/** `npm run bench` (`--smoke`: tiny sizes, no goals judged; the test suite runs it so the bench cannot rot). */
async function main() {
    const smoke = process.argv.includes('--smoke');
    const sizes = smoke ? bench_context_1.SMOKE_SIZES : bench_context_1.FULL_SIZES;
    const baseUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
    const concurrency = 10;
    const rows = [];
    const details = { sizes };
    const judge = (met) => (smoke ? null : met);
    const database = await (0, bench_context_1.createBenchDatabase)(baseUrl);
    let api;
    try {
        progress('raw graphile-worker baseline');
        const raw = await (0, raw_graphile_measure_1.measureRawGraphile)(database.url, sizes.throughputTasks, sizes.throughputClients, concurrency);
        api = await (0, bench_context_1.startApi)(database.url, redisUrl, { WORKER_CONCURRENCY: String(concurrency) });
        progress('throughput through distributeTask');
        const throughput = await (0, throughput_measure_1.measureThroughput)(api, database.url, sizes.throughputTasks, sizes.throughputClients);
        const ratio = throughput.tasksPerSecond / raw.jobsPerSecond;
        details['throughput'] = { raw, throughput, ratio };
        rows.push({ measure: `throughput: ${sizes.throughputTasks} tasks, ${sizes.throughputClients} clients`, figure: `${f(throughput.tasksPerSecond)} tasks/s`, baseline: `graphile-worker ${f(raw.jobsPerSecond)} jobs/s (ratio ${f(ratio, 2)})`, goal: 'ratio >= 0.5', met: judge(ratio >= 0.5) });
        progress('live latency');
        const live = await (0, live_latency_measure_1.measureLiveLatency)(api, sizes.subscribers, sizes.liveChanges);
        progress('raw WebSocket fan-out');
        const rawFanout = await (0, raw_websocket_measure_1.measureRawWebSocketFanout)(sizes.subscribers, sizes.liveChanges, live_latency_measure_1.LIVE_CHANGE_INTERVAL_MS);
        details['live'] = { ...live, rawWebSocketFanout: rawFanout };
        rows.push({
            measure: `live: ${live.subscribers} subscribers x ${live.changes} changes`,
            figure: `p50 ${f(live.p50Ms)} / p99 ${f(live.p99Ms)} / max ${f(live.maxMs)} ms`,
            baseline: `bare ws fan-out p50 ${f(rawFanout.p50Ms)} / p99 ${f(rawFanout.p99Ms)} ms; mutations answered p50 ${f(live.answerP50Ms)} / p99 ${f(live.answerP99Ms)} ms`,
            goal: 'p99 < 25 ms',
            met: judge(live.p99Ms < 25),
        });
        const agentId = await (0, graphql_http_1.runningHealthAgent)(api.url, api.adminKey, `query-${Date.now()}`, 4);
        progress('query latency under load');
        const hello = await (0, query_latency_measure_1.measureQuery)(api, 'hello', query_latency_measure_1.HELLO_QUERY, {}, sizes.queryDurationSeconds, sizes.queryConnections);
        const status = await (0, query_latency_measure_1.measureQuery)(api, 'agent status', query_latency_measure_1.STATUS_QUERY, { id: agentId }, sizes.queryDurationSeconds, sizes.queryConnections);
        const list = await (0, query_latency_measure_1.measureQuery)(api, 'agents list', query_latency_measure_1.LIST_QUERY, {}, sizes.queryDurationSeconds, sizes.queryConnections);
        const statements = await (0, sql_count_measure_1.countStatements)(database.url, (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'velocity-bench-count-')), query_latency_measure_1.LIST_QUERY);
        details['queries'] = { hello, status, list, listStatements: statements };
        const statusRatio = status.requestsPerSecond / hello.requestsPerSecond;
        rows.push({ measure: 'agent(id){status health}', figure: `${f(status.requestsPerSecond, 0)} req/s, p99 ${f(status.p99Ms)} ms`, baseline: `hello ${f(hello.requestsPerSecond, 0)} req/s (ratio ${f(statusRatio, 2)})`, goal: 'ratio >= 0.5, p99 < 20 ms', met: judge(statusRatio >= 0.5 && status.p99Ms < 20) });
        rows.push({ measure: 'agents(first:50){health tasks(first:5)}', figure: `${f(list.requestsPerSecond, 0)} req/s, p99 ${f(list.p99Ms)} ms, ${statements} SQL`, baseline: `hello ${f(hello.requestsPerSecond, 0)} req/s`, goal: '<= 4 SQL statements', met: judge(statements <= 4) });
        progress('agent startup');
        const startup = await (0, agent_startup_measure_1.measureAgentStartup)(api, database.url, sizes.startupAgents);
        details['startup'] = startup;
        rows.push({ measure: `agent startup x ${startup.agents}`, figure: `p50 ${f(startup.p50Ms)} / p99 ${f(startup.p99Ms)} ms`, baseline: 'seed target 5 s', goal: 'p99 < 50 ms', met: judge(startup.p99Ms < 50) });
        try {
            progress('workflow overhead');
            const workflow = await (0, workflow_overhead_measure_1.measureWorkflowOverhead)(api, database.url, sizes.workflowRuns, sizes.workflowSteps);
            details['workflow'] = workflow;
            rows.push({ measure: `workflow: ${workflow.steps}-step chain x ${workflow.runs}`, figure: `p50 ${f(workflow.p50OverheadPerStepMs)} ms/step overhead`, baseline: `p50 total ${f(workflow.p50TotalMs)} ms`, goal: '< 20 ms per step', met: judge(workflow.p50OverheadPerStepMs < 20) });
        }
        catch (error) {
            details['workflow'] = { error: error instanceof Error ? error.message : String(error) };
            rows.push({ measure: 'workflow overhead', figure: 'failed', baseline: '-', goal: '< 20 ms per step', met: judge(false) });
        }
        // Last of the loads: its tasks would otherwise weigh on the query measures' agents.
        progress('throughput through distributeTasks');
        const bulk = await (0, throughput_measure_1.measureThroughput)(api, database.url, sizes.throughputTasks, sizes.bulkClients, sizes.bulkPerCall);
        const bulkRatio = bulk.tasksPerSecond / raw.jobsPerSecond;
        details['bulkThroughput'] = { bulk, ratio: bulkRatio, perCall: sizes.bulkPerCall };
        rows.push({ measure: `throughput, bulk: ${sizes.throughputTasks} tasks, ${sizes.bulkPerCall} a call`, figure: `${f(bulk.tasksPerSecond)} tasks/s`, baseline: `ratio ${f(bulkRatio, 2)} (submitted in ${f(bulk.submitSeconds, 2)} s)`, goal: 'informative', met: null });
        // Idle: V8 returns freed heap to the system a few seconds after the last allocation burst.
        const rssAfterRuns = residentMb(api.process.pid);
        await new Promise((resolve) => setTimeout(resolve, smoke ? 500 : 10_000));
        const rss = residentMb(api.process.pid);
        const heap = await heapFigures(api);
        const heapUsedMb = heap.heapUsedMb;
        details['memory'] = { rssMb: rss, rssRightAfterRunsMb: rssAfterRuns, ...heap };
        rows.push({ measure: 'idle API+worker resident memory', figure: `${f(rss)} MB`, baseline: `V8 heap in use ${f(heapUsedMb)} MB`, goal: '< 200 MB', met: judge(rss < 200) });
        // The same throughput run against a process that fetches jobs in batches (not the default:
        // fetched jobs wait in the process that took them, see WORKER_FETCH_BATCH in the README).
        progress('throughput with WORKER_FETCH_BATCH');
        await api.stop();
        api = undefined;
        const fetchBatch = concurrency + 1;
        api = await (0, bench_context_1.startApi)(database.url, redisUrl, { WORKER_CONCURRENCY: String(concurrency), WORKER_FETCH_BATCH: String(fetchBatch) });
        const batched = await (0, throughput_measure_1.measureThroughput)(api, database.url, sizes.throughputTasks, sizes.throughputClients);
        const batchedRatio = batched.tasksPerSecond / raw.jobsPerSecond;
        details['fetchBatchThroughput'] = { batched, ratio: batchedRatio, fetchBatch };
        rows.push({ measure: `throughput, WORKER_FETCH_BATCH=${fetchBatch}: ${sizes.throughputTasks} tasks`, figure: `${f(batched.tasksPerSecond)} tasks/s`, baseline: `ratio ${f(batchedRatio, 2)}`, goal: 'informative', met: null });
    }
    finally {
        await api?.stop();
        await database.drop();
    }
    const report = { at: new Date().toISOString(), smoke, machine: { cpus: (0, node_os_1.cpus)().length, node: process.version }, rows, details };
    process.stdout.write(`${(0, report_1.formatTable)(rows)}\n`);
    const path = (0, report_1.writeReport)(report, (0, node_path_1.join)(__dirname, '..', '..', 'bench', 'results'));
    process.stdout.write(`written ${path}\n`);
}
main().then(() => process.exit(0), (error) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
});
//# sourceMappingURL=run-bench.js.map