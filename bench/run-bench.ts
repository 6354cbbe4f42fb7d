import { mkdtempSync, readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBenchDatabase, FULL_SIZES, SMOKE_SIZES, startApi, type ApiUnderTest } from './bench-context';
import { runningHealthAgent } from './graphql-http';
import { measureAgentStartup } from './measures/agent-startup.measure';
import { LIVE_CHANGE_INTERVAL_MS, measureLiveLatency } from './measures/live-latency.measure';
import { HELLO_QUERY, LIST_QUERY, measureQuery, STATUS_QUERY } from './measures/query-latency.measure';
import { measureRawGraphile } from './measures/raw-graphile.measure';
import { measureRawWebSocketFanout } from './measures/raw-websocket.measure';
import { countStatements } from './measures/sql-count.measure';
import { measureThroughput } from './measures/throughput.measure';
import { measureWorkflowOverhead } from './measures/workflow-overhead.measure';
import { formatTable, writeReport, type BenchRow } from './report';

const progress = (text: string): void => {
  process.stderr.write(`[bench] ${text}\n`);
};
const f = (value: number, digits = 1): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** The API's V8 heap in use and reserved, and memory outside it (Buffers), from its /metrics, in MB. */
async function heapFigures(api: ApiUnderTest): Promise<{ heapUsedMb: number; heapTotalMb: number; externalMb: number }> {
  const response = await fetch(`${api.url}/metrics`, { headers: { authorization: `Bearer ${api.adminKey}` } });
  const text = await response.text();
  const read = (name: string): number => {
    const match = new RegExp(`^velocity_${name} (\\d+(?:\\.\\d+)?(?:e\\+\\d+)?)`, 'm').exec(text);
    return match ? Number(match[1]) / 1_048_576 : Number.NaN;
  };
  return { heapUsedMb: read('process_nodejs_heap_size_used_bytes'), heapTotalMb: read('process_nodejs_heap_size_total_bytes'), externalMb: read('process_nodejs_external_memory_bytes') };
}

/** `npm run bench` (`--smoke`: tiny sizes, no goals judged; the test suite runs it so the bench cannot rot). */
async function main(): Promise<void> {
  const smoke = process.argv.includes('--smoke');
  const sizes = smoke ? SMOKE_SIZES : FULL_SIZES;
  const baseUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
  const concurrency = 10;
  const rows: BenchRow[] = [];
  const details: Record<string, unknown> = { sizes };
  const judge = (met: boolean): boolean | null => (smoke ? null : met);
  const database = await createBenchDatabase(baseUrl);
  let api: ApiUnderTest | undefined;
  try {
    progress('raw graphile-worker baseline');
    const raw = await measureRawGraphile(database.url, sizes.throughputTasks, sizes.throughputClients, concurrency);
    api = await startApi(database.url, redisUrl, { WORKER_CONCURRENCY: String(concurrency) });
    progress('throughput through distributeTask');
    const throughput = await measureThroughput(api, database.url, sizes.throughputTasks, sizes.throughputClients);
    const ratio = throughput.tasksPerSecond / raw.jobsPerSecond;
    details['throughput'] = { raw, throughput, ratio };
    rows.push({ measure: `throughput: ${sizes.throughputTasks} tasks, ${sizes.throughputClients} clients`, figure: `${f(throughput.tasksPerSecond)} tasks/s`, baseline: `graphile-worker ${f(raw.jobsPerSecond)} jobs/s (ratio ${f(ratio, 2)})`, goal: 'ratio >= 0.5', met: judge(ratio >= 0.5) });

    progress('live latency');
    const live = await measureLiveLatency(api, sizes.subscribers, sizes.liveChanges);
    progress('raw WebSocket fan-out');
    const rawFanout = await measureRawWebSocketFanout(sizes.subscribers, sizes.liveChanges, LIVE_CHANGE_INTERVAL_MS);
    details['live'] = { ...live, rawWebSocketFanout: rawFanout };
    rows.push({
      measure: `live: ${live.subscribers} subscribers x ${live.changes} changes`,
      figure: `p50 ${f(live.p50Ms)} / p99 ${f(live.p99Ms)} / max ${f(live.maxMs)} ms`,
      baseline: `bare ws fan-out p50 ${f(rawFanout.p50Ms)} / p99 ${f(rawFanout.p99Ms)} ms; from the mutation's request p50 ${f(live.sentP50Ms)} / p99 ${f(live.sentP99Ms)} ms; mutations answered p50 ${f(live.answerP50Ms)} / p99 ${f(live.answerP99Ms)} ms`,
      goal: 'p99 < 25 ms',
      met: judge(live.p99Ms < 25),
    });

    const agentId = await runningHealthAgent(api.url, api.adminKey, `query-${Date.now()}`, 4);
    progress('query latency under load');
    const hello = await measureQuery(api, 'hello', HELLO_QUERY, {}, sizes.queryDurationSeconds, sizes.queryConnections);
    const status = await measureQuery(api, 'agent status', STATUS_QUERY, { id: agentId }, sizes.queryDurationSeconds, sizes.queryConnections);
    const list = await measureQuery(api, 'agents list', LIST_QUERY, {}, sizes.queryDurationSeconds, sizes.queryConnections);
    const statements = await countStatements(database.url, mkdtempSync(join(tmpdir(), 'velocity-bench-count-')), LIST_QUERY);
    details['queries'] = { hello, status, list, listStatements: statements };
    const statusRatio = status.requestsPerSecond / hello.requestsPerSecond;
    rows.push({ measure: 'agent(id){status health}', figure: `${f(status.requestsPerSecond, 0)} req/s, p99 ${f(status.p99Ms)} ms`, baseline: `hello ${f(hello.requestsPerSecond, 0)} req/s (ratio ${f(statusRatio, 2)})`, goal: 'ratio >= 0.5, p99 < 20 ms', met: judge(statusRatio >= 0.5 && status.p99Ms < 20) });
    rows.push({ measure: 'agents(first:50){health tasks(first:5)}', figure: `${f(list.requestsPerSecond, 0)} req/s, p99 ${f(list.p99Ms)} ms, ${statements} SQL`, baseline: `hello ${f(hello.requestsPerSecond, 0)} req/s`, goal: '<= 4 SQL statements', met: judge(statements <= 4) });

    progress('agent startup');
    const startup = await measureAgentStartup(api, database.url, sizes.startupAgents);
    details['startup'] = startup;
    rows.push({ measure: `agent startup x ${startup.agents}`, figure: `p50 ${f(startup.p50Ms)} / p99 ${f(startup.p99Ms)} ms`, baseline: 'seed target 5 s', goal: 'p99 < 50 ms', met: judge(startup.p99Ms < 50) });

    try {
      progress('workflow overhead');
      const workflow = await measureWorkflowOverhead(api, database.url, sizes.workflowRuns, sizes.workflowSteps);
      details['workflow'] = workflow;
      rows.push({ measure: `workflow: ${workflow.steps}-step chain x ${workflow.runs}`, figure: `p50 ${f(workflow.p50OverheadPerStepMs)} ms/step overhead`, baseline: `p50 total ${f(workflow.p50TotalMs)} ms`, goal: '< 20 ms per step', met: judge(workflow.p50OverheadPerStepMs < 20) });
    } catch (error: unknown) {
      details['workflow'] = { error: error instanceof Error ? error.message : String(error) };
      rows.push({ measure: 'workflow overhead', figure: 'failed', baseline: '-', goal: '< 20 ms per step', met: judge(false) });
    }

    // Last of the loads: its tasks would otherwise weigh on the query measures' agents.
    progress('throughput through distributeTasks');
    const bulk = await measureThroughput(api, database.url, sizes.throughputTasks, sizes.bulkClients, sizes.bulkPerCall);
    const bulkRatio = bulk.tasksPerSecond / raw.jobsPerSecond;
    details['bulkThroughput'] = { bulk, ratio: bulkRatio, perCall: sizes.bulkPerCall };
    rows.push({ measure: `throughput, bulk: ${sizes.throughputTasks} tasks, ${sizes.bulkPerCall} a call`, figure: `${f(bulk.tasksPerSecond)} tasks/s`, baseline: `ratio ${f(bulkRatio, 2)} (submitted in ${f(bulk.submitSeconds, 2)} s)`, goal: 'informative', met: null });

    // Idle: V8 returns freed heap to the system a few seconds after the last allocation burst.
    const rssAfterRuns = residentMb(api.process.pid!);
    await new Promise((resolve) => setTimeout(resolve, smoke ? 500 : 10_000));
    const rss = residentMb(api.process.pid!);
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
    api = await startApi(database.url, redisUrl, { WORKER_CONCURRENCY: String(concurrency), WORKER_FETCH_BATCH: String(fetchBatch) });
    const batched = await measureThroughput(api, database.url, sizes.throughputTasks, sizes.throughputClients);
    const batchedRatio = batched.tasksPerSecond / raw.jobsPerSecond;
    details['fetchBatchThroughput'] = { batched, ratio: batchedRatio, fetchBatch };
    rows.push({ measure: `throughput, WORKER_FETCH_BATCH=${fetchBatch}: ${sizes.throughputTasks} tasks`, figure: `${f(batched.tasksPerSecond)} tasks/s`, baseline: `ratio ${f(batchedRatio, 2)}`, goal: 'informative', met: null });
  } finally {
    await api?.stop();
    await database.drop();
  }
  const report = { at: new Date().toISOString(), smoke, machine: { cpus: cpus().length, node: process.version }, rows, details };
  process.stdout.write(`${formatTable(rows)}\n`);
  const path = writeReport(report, join(__dirname, '..', '..', 'bench', 'results'));
  process.stdout.write(`written ${path}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
