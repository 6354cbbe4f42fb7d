import { mkdtempSync, readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBenchDatabase, FULL_SIZES, SMOKE_SIZES, startApi, type ApiUnderTest } from './bench-context';
import { runningHealthAgent } from './graphql-http';
import { measureAgentStartup } from './measures/agent-startup.measure';
import { measureLiveLatency } from './measures/live-latency.measure';
import { HELLO_QUERY, LIST_QUERY, measureQuery, STATUS_QUERY } from './measures/query-latency.measure';
import { measureRawGraphile } from './measures/raw-graphile.measure';
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
    details['live'] = live;
    rows.push({ measure: `live: ${live.subscribers} subscribers x ${live.changes} changes`, figure: `p50 ${f(live.p50Ms)} / p99 ${f(live.p99Ms)} / max ${f(live.maxMs)} ms`, baseline: `${live.deliveries} deliveries`, goal: 'p99 < 25 ms', met: judge(live.p99Ms < 25) });

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

    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const rss = residentMb(api.process.pid!);
    details['memory'] = { rssMb: rss };
    rows.push({ measure: 'idle API+worker resident memory', figure: `${f(rss)} MB`, baseline: '-', goal: '< 200 MB', met: judge(rss < 200) });
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
