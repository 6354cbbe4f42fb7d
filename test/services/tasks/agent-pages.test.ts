import type { DataSource } from 'typeorm';
import { createDataSource } from '../../../src/db/data-source';
import { AuditLogService } from '../../../src/services/audit/audit-log.service';
import { TaskQueryService } from '../../../src/services/tasks/task-query.service';
import { runningAgent } from '../../support/agents';
import { rowsReadInTransactionSql, sql } from '../../support/test-database';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * Agent.tasks and Agent.logs pages of a list of agents: a dashboard asks for each agent's few
 * newest, and an agent that has run for months has a long history. A page must cost its own
 * rows: the window over every task of the page's agents read 2,000 rows here for a page of 5.
 */
describe("an agent's pages of tasks and logs", () => {
  let server: TestServer;
  let busy: string;
  let quiet: string;
  let busyTasks: string[];
  // One connection (a pool of one), so a transaction opened by one query holds the next ones.
  let single: DataSource;
  let tasks: TaskQueryService;
  let logs: AuditLogService;

  beforeAll(async () => {
    // The worker starts the agents; the tasks, due in an hour, wait.
    server = await startTestServer({ env: { RUN_WORKER: 'true' } });
    busy = await runningAgent(server.admin, 'pages-busy');
    quiet = await runningAgent(server.admin, 'pages-quiet');
    /** Queues `count` tasks due in an hour. */
    const queue = async (agentId: string, count: number): Promise<string[]> => {
      const inputs = Array.from({ length: count }, () => ({ type: 'noop', agentId, runAt: new Date(Date.now() + 3_600_000).toISOString() }));
      const { distributeTasks } = await server.admin.data<{ distributeTasks: { id: string }[] }>(
        `mutation ($inputs: [DistributeTaskInput!]!) { distributeTasks(inputs: $inputs) { id } }`,
        { inputs },
      );
      return distributeTasks.map((task) => task.id);
    };
    await queue(quiet, 3);
    busyTasks = [...(await queue(busy, 1_000)), ...(await queue(busy, 1_000))];
    // A long history lives in tables autovacuum has analyzed. Without statistics (the first minute
    // of a new database) the planner guesses a few rows an agent and sorts them: still right, as
    // slow as before, until autovacuum's first ANALYZE, which this stands in for.
    await sql(server.db.url, 'ANALYZE agent_tasks, agent_logs');
    single = createDataSource({ url: server.db.url, poolSize: 1, applicationName: 'velocity-agent-pages-test' });
    await single.initialize();
    tasks = new TaskQueryService(single);
    logs = new AuditLogService(single);
  }, 60_000);
  afterAll(async () => {
    if (single?.isInitialized) await single.destroy();
    await server.close();
  });

  /** Runs `read` in a transaction; answers what it returned and how many rows of `table` it read. */
  const measured = async <T>(table: string, read: () => Promise<T>): Promise<{ result: T; rowsRead: number }> => {
    await single.query('BEGIN');
    try {
      const result = await read();
      const [{ rows }] = (await single.query(rowsReadInTransactionSql(table))) as [{ rows: string }];
      return { result, rowsRead: Number(rows) };
    } finally {
      await single.query('ROLLBACK');
    }
  };

  /** The busy agent's task ids, newest first, as the lists order them. */
  const newestFirst = async (status: string | null): Promise<string[]> =>
    (
      await sql<{ id: string }>(
        server.db.url,
        `SELECT id FROM agent_tasks WHERE agent_id = $1 AND ($2::text IS NULL OR status = $2)
         ORDER BY date_trunc('milliseconds', created_at) DESC, id DESC`,
        [busy, status],
      )
    ).map((row) => row.id);

  it('reads a few rows for the first and the next page of tasks when an agent has two thousand', async () => {
    const expected = await newestFirst(null);
    expect(expected).toHaveLength(2_000);
    const first = await measured('agent_tasks', () => tasks.pagesForAgents([busy, quiet], null, 5, null));
    expect(first.result[0]!.items.map((task) => task.id)).toEqual(expected.slice(0, 5));
    expect(first.result[0]!.hasNextPage).toBe(true);
    expect(first.result[1]!.items).toHaveLength(3);
    expect(first.result[1]!.hasNextPage).toBe(false);
    // Five rows and the one that tells a next page exists, of each agent, with their index entries.
    expect(first.rowsRead).toBeLessThan(50);

    const next = await measured('agent_tasks', () => tasks.pagesForAgents([busy], null, 5, first.result[0]!.cursors.at(-1)!));
    expect(next.result[0]!.items.map((task) => task.id)).toEqual(expected.slice(5, 10));
    expect(next.rowsRead).toBeLessThan(50);
  });

  it('reads a few rows for a page of one status when that status is rare in a long history', async () => {
    // Three of the two thousand cancelled, among the oldest: a walk of the history to find them
    // would read nearly all of it.
    for (const id of busyTasks.slice(10, 13)) await server.admin.data(`mutation ($id: ID!) { cancelTask(id: $id) { status } }`, { id });
    await sql(server.db.url, 'ANALYZE agent_tasks');
    const cancelled = await measured('agent_tasks', () => tasks.pagesForAgents([busy], 'CANCELLED', 2, null));
    expect(cancelled.result[0]!.items.map((task) => task.id)).toEqual((await newestFirst('CANCELLED')).slice(0, 2));
    expect(cancelled.result[0]!.hasNextPage).toBe(true);
    expect(cancelled.rowsRead).toBeLessThan(50);
    const queued = await measured('agent_tasks', () => tasks.pagesForAgents([busy], 'QUEUED', 7, null));
    expect(queued.result[0]!.items.map((task) => task.id)).toEqual((await newestFirst('QUEUED')).slice(0, 7));
    expect(queued.rowsRead).toBeLessThan(50);
  });

  it('gives an agent asked for twice the same page each time', async () => {
    const pages = await tasks.pagesForAgents([quiet, busy, quiet], null, 3, null);
    expect(pages[0]).toEqual(pages[2]);
    expect(pages[0]!.items).toHaveLength(3);
    expect(pages[0]!.hasNextPage).toBe(false);
    const lines = await logs.pagesForAgents([quiet, quiet], null, 50, null);
    expect(lines[0]).toEqual(lines[1]);
    expect(new Set(lines[0]!.items.map((line) => line.id)).size).toBe(lines[0]!.items.length);
  });

  it('reads a few rows for a page of logs when an agent has thousands of lines', async () => {
    const lines = await sql<{ id: string }>(server.db.url, 'SELECT id FROM agent_logs WHERE agent_id = $1 ORDER BY id DESC', [busy]);
    expect(lines.length).toBeGreaterThanOrEqual(2_000);
    const first = await measured('agent_logs', () => logs.pagesForAgents([busy, quiet], null, 4, null));
    expect(first.result[0]!.items.map((line) => line.id)).toEqual(lines.slice(0, 4).map((line) => line.id));
    expect(first.result[0]!.hasNextPage).toBe(true);
    expect(first.result[1]!.items.length).toBeGreaterThan(0);
    expect(first.rowsRead).toBeLessThan(50);
    const next = await measured('agent_logs', () => logs.pagesForAgents([busy], null, 4, first.result[0]!.cursors.at(-1)!));
    expect(next.result[0]!.items.map((line) => line.id)).toEqual(lines.slice(4, 8).map((line) => line.id));
    expect(next.rowsRead).toBeLessThan(50);
  });

  it('answers the totals of tasks and logs when a client asks for them, per agent and per filter', async () => {
    const { agents } = await server.admin.data<{ agents: { edges: { node: { name: string; tasks: { totalCount: number }; queued: { totalCount: number }; logs: { totalCount: number } } }[] } }>(
      `{ agents(first: 10) { edges { node { name
          tasks(first: 1) { totalCount }
          queued: tasks(first: 1, status: QUEUED) { ...total }
          logs(first: 1) { totalCount }
      } } } }
      fragment total on TaskConnection { totalCount }`,
    );
    const byName = new Map(agents.edges.map((edge) => [edge.node.name, edge.node]));
    const [{ count: busyLines }] = await sql<{ count: number }>(server.db.url, 'SELECT count(*)::int AS count FROM agent_logs WHERE agent_id = $1', [busy]);
    const queuedTasks = (await newestFirst('QUEUED')).length;
    expect(byName.get('pages-busy')).toEqual({ name: 'pages-busy', tasks: { totalCount: 2_000 }, queued: { totalCount: queuedTasks }, logs: { totalCount: busyLines } });
    expect(byName.get('pages-quiet')).toMatchObject({ tasks: { totalCount: 3 }, queued: { totalCount: 3 } });
  });
});
