import type { DataSource, Logger as TypeOrmLogger } from 'typeorm';
import { AgentInstanceEntity } from '../../src/entities';
import { startTestServer, type TestServer } from '../support/test-server';
import { sql } from '../support/test-database';

// How the statements are counted: TypeORM's PostgresQueryRunner.query() calls
// `dataSource.logger.logQuery(sql, params)` for EVERY statement it sends, whatever the
// `logging` option says (the logger decides whether to print). Repositories, query builders,
// transactions (START TRANSACTION / COMMIT) and raw `dataSource.query()` all go through it, so
// swapping the DataSource's logger for a counting one sees every statement of the API process.
// The first test proves that for raw SQL and a query builder. (graphile-worker has its own pool,
// but no worker runs in these servers.)

/** Records statement texts while installed on a DataSource. */
class CountingLogger implements TypeOrmLogger {
  readonly statements: string[] = [];
  logQuery(query: string): void {
    this.statements.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

/** Runs `work` with a counting logger in place of the DataSource's own, then puts the original back. */
async function statementsDuring(dataSource: DataSource, work: () => Promise<unknown>): Promise<string[]> {
  const target = dataSource as unknown as { logger: TypeOrmLogger };
  const original = target.logger;
  const counting = new CountingLogger();
  target.logger = counting;
  try {
    await work();
  } finally {
    target.logger = original;
  }
  return counting.statements;
}

/**
 * The statements a query caused, without two kinds whose presence depends on timing: API key
 * lookups (cached a few seconds per key; one per request at most, never per agent) and the event
 * relay's reads of `events` (a 1 s safety poll sharing the pool, running in the background).
 */
function onRequestPath(statements: string[]): string[] {
  return statements.filter((statement) => !/\bapi_keys\b/.test(statement) && !/\bFROM\s+"?events"?\b/i.test(statement));
}

const NESTED = `query ($first: Int) {
  agents(first: $first) {
    totalCount
    edges { node {
      id name
      health { status queuedTasks runningTasks succeededTasks failedTasks successRate avgTaskMs lastError lastActiveAt }
      tasks(first: 5) { totalCount edges { node { id status type } } }
      logs(first: 3) { totalCount edges { node { id level message actor } } }
    } }
  }
}`;

interface NestedAgents {
  agents: {
    totalCount: number;
    edges: {
      node: {
        id: string;
        health: { succeededTasks: number; failedTasks: number; successRate: number | null; lastError: string | null };
        tasks: { totalCount: number; edges: { node: { id: string } }[] };
        logs: { totalCount: number; edges: { node: { message: string } }[] };
      };
    }[];
  };
}

describe('SQL statements per query', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    for (let index = 0; index < 50; index += 1) {
      const result = await server.admin.data<{ createAgent: { id: string } }>(`mutation ($input: CreateAgentInput!) { createAgent(input: $input) { id } }`, {
        input: { name: `nested-${String(index).padStart(2, '0')}`, type: 'health-check', config: {} },
      });
      await server.admin.data(`mutation ($id: ID!) { updateAgent(id: $id, input: { maxConcurrency: 5 }) { id } }`, { id: result.createAgent.id });
    }
    // Finished tasks for every agent (the task engine is another issue): 7 succeeded, 1 failed each.
    await sql(
      server.db.url,
      `INSERT INTO agent_tasks (agent_id, type, status, payload, attempts, duration_ms, error, completed_at)
       SELECT a.id, 'noop', CASE WHEN n = 8 THEN 'FAILED' ELSE 'SUCCEEDED' END, '{}', 1, 10 * n, CASE WHEN n = 8 THEN 'boom' END, now()
       FROM agent_instances a CROSS JOIN generate_series(1, 8) AS n`,
    );
  }, 120_000);
  afterAll(async () => {
    await server.close();
  });

  it('counts every statement TypeORM sends, raw SQL included', async () => {
    const { dataSource } = server.api.services;
    const statements = onRequestPath(
      await statementsDuring(dataSource, async () => {
        await dataSource.query('SELECT 1 AS probe');
        await dataSource.getRepository(AgentInstanceEntity).createQueryBuilder('a').limit(1).getMany();
      }),
    );
    expect(statements).toHaveLength(2);
    expect(statements[0]).toBe('SELECT 1 AS probe');
    expect(statements[1]).toMatch(/FROM "agent_instances"/);
    // The original logger is back.
    expect((dataSource as unknown as { logger: unknown }).logger).not.toBeInstanceOf(CountingLogger);
  });

  it('runs the same small number of statements for 5 and for 50 agents with nested fields', async () => {
    const { dataSource } = server.api.services;
    let small: NestedAgents | undefined;
    let large: NestedAgents | undefined;
    const forFive = onRequestPath(await statementsDuring(dataSource, async () => {
      small = await server.admin.data<NestedAgents>(NESTED, { first: 5 });
    }));
    const forFifty = onRequestPath(await statementsDuring(dataSource, async () => {
      large = await server.admin.data<NestedAgents>(NESTED, { first: 50 });
    }));

    // The answers are complete: every agent has its health, tasks and logs.
    expect(small!.agents.edges).toHaveLength(5);
    expect(large!.agents.edges).toHaveLength(50);
    for (const { node } of large!.agents.edges) {
      expect(node.health).toMatchObject({ succeededTasks: 7, failedTasks: 1, successRate: 7 / 8, lastError: 'boom' });
      expect(node.tasks.totalCount).toBe(8);
      expect(node.tasks.edges).toHaveLength(5);
      expect(node.logs.totalCount).toBe(2);
      expect(node.logs.edges.map((edge) => edge.node.message)).toEqual([expect.stringContaining('updated'), expect.stringContaining('created')]);
    }

    // No statement per row: ten times the agents costs no more statements (the 5-agent page,
    // being partial, also counts the agents; the 50-agent one shows them all and need not).
    expect(forFifty.length).toBeLessThanOrEqual(forFive.length);
    // agents: (count +) page; health: 1; tasks: page + counts; logs: page + counts.
    expect(forFifty.length).toBeLessThanOrEqual(7);
  });

  it("counts no agent's tasks or logs when the client does not ask for their totals", async () => {
    const { dataSource } = server.api.services;
    let answer: NestedAgents | undefined;
    const statements = onRequestPath(
      await statementsDuring(dataSource, async () => {
        answer = await server.admin.data<NestedAgents>(`{ agents(first: 50) { edges { node { id tasks(first: 5) { edges { node { id } } } logs(first: 3) { edges { node { id } } } } } } }`);
      }),
    );
    expect(answer!.agents.edges.every(({ node }) => node.tasks.edges.length === 5 && node.logs.edges.length === 2)).toBe(true);
    // A count reads an agent's whole history: only a client that selects totalCount pays for it.
    expect(statements.filter((statement) => /count\(\*\)[\s\S]*FROM (agent_tasks|agent_logs)/i.test(statement))).toEqual([]);
    // agents: page; tasks: page; logs: page.
    expect(statements).toHaveLength(3);
  });

  it('resolves the agent of 100 audit lines with the same statements as of 5', async () => {
    const { dataSource } = server.api.services;
    const query = `query ($first: Int) { auditLog(first: $first) { totalCount edges { node { message agent { id name } } } } }`;
    let large: { auditLog: { edges: { node: { agent: { id: string } | null } }[] } } | undefined;
    const forFive = onRequestPath(await statementsDuring(dataSource, () => server.admin.data(query, { first: 5 })));
    const forHundred = onRequestPath(
      await statementsDuring(dataSource, async () => {
        large = await server.admin.data(query, { first: 100 });
      }),
    );
    expect(large!.auditLog.edges).toHaveLength(100);
    expect(large!.auditLog.edges.every((edge) => edge.node.agent !== null)).toBe(true);
    expect(forHundred).toHaveLength(forFive.length);
    // count + page + one batched agent lookup.
    expect(forHundred.length).toBeLessThanOrEqual(3);
  });
});
