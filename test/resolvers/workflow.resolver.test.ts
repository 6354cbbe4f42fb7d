import type { DataSource, Logger as TypeOrmLogger } from 'typeorm';
import { createKey, type TestKey } from '../support/api-keys';
import { errorCode } from '../support/graphql-client';
import { sql } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';

const VALIDATE = `query ($definition: String!) { validateWorkflow(definition: $definition) { valid stepOrder problems { message path line } } }`;
const CREATE = `mutation ($definition: String!) { createWorkflow(input: { definition: $definition }) { id name version definition source createdAt } }`;
const RUN = `mutation ($input: RunWorkflowInput!) { runWorkflow(input: $input) { id status workflow { id version } steps { stepId status error } } }`;

const diamond = (name: string): string => `name: ${name}
description: a diamond
steps:
  - id: a
    task: noop
  - id: b
    task: noop
    dependsOn: [a]
  - id: c
    task: noop
    dependsOn: [a]
  - id: d
    task: noop
    dependsOn: [c, b]
`;

interface CreatedWorkflow {
  id: string;
  name: string;
  version: number;
  definition: any;
  source: string;
}

/** Counts every statement the API process sends (TypeORM logs each one through its logger). */
async function statementsDuring(dataSource: DataSource, work: () => Promise<unknown>): Promise<string[]> {
  const target = dataSource as unknown as { logger: TypeOrmLogger };
  const original = target.logger;
  const statements: string[] = [];
  target.logger = { logQuery: (query: string) => statements.push(query), logQueryError() {}, logQuerySlow() {}, logSchemaBuild() {}, logMigration() {}, log() {} };
  try {
    await work();
  } finally {
    target.logger = original;
  }
  return statements.filter((statement) => !/\bapi_keys\b/.test(statement));
}

describe('workflows over HTTP', () => {
  let server: TestServer;
  let viewer: TestKey;
  let operator: TestKey;
  const create = async (definition: string): Promise<CreatedWorkflow> => (await server.admin.data<{ createWorkflow: CreatedWorkflow }>(CREATE, { definition })).createWorkflow;

  beforeAll(async () => {
    server = await startTestServer();
    viewer = await createKey(server.admin, 'wf-viewer', 'VIEWER');
    operator = await createKey(server.admin, 'wf-operator', 'OPERATOR');
  });
  afterAll(async () => {
    await server.close();
  });

  it('validates a definition for a VIEWER and gives a topological step order', async () => {
    const { validateWorkflow } = await server.as(viewer.secret).data<{ validateWorkflow: any }>(VALIDATE, { definition: diamond('shape') });
    expect(validateWorkflow).toEqual({ valid: true, problems: [], stepOrder: ['a', 'b', 'c', 'd'] });
  });

  it('gives every problem with its path and line when the definition is invalid', async () => {
    const definition = 'name: bad\nsteps:\n  - id: a\n    task: nope\n  - id: b\n    task: noop\n    dependsOn: [ghost]\n    maxAttempts: 50\n';
    const { validateWorkflow } = await server.as(viewer.secret).data<{ validateWorkflow: any }>(VALIDATE, { definition });
    expect(validateWorkflow.valid).toBe(false);
    expect(validateWorkflow.stepOrder).toEqual([]);
    expect(validateWorkflow.problems.map((problem: any) => [problem.path, problem.line])).toEqual([
      ['steps[0].task', 4],
      ['steps[1].dependsOn[0]', 7],
      ['steps[1].maxAttempts', 8],
    ]);
  });

  it('stores versions 1 and 2 under one name with the source text and the normalised definition', async () => {
    const first = await create(diamond('nightly'));
    const jsonSource = JSON.stringify({ name: 'nightly', steps: [{ id: 'only', task: 'noop', payload: { output: '${{ input.x }}' }, onFailure: 'continue' }] }, null, 2);
    const second = await create(jsonSource);
    expect([first.version, second.version]).toEqual([1, 2]);
    expect(second.source).toBe(jsonSource);
    expect(second.definition).toEqual({
      name: 'nightly',
      description: null,
      steps: [
        { id: 'only', task: 'noop', agentType: null, agent: null, payload: { output: '${{ input.x }}' }, dependsOn: [], maxAttempts: 3, timeoutSeconds: null, priority: 0, onFailure: 'continue' },
      ],
    });
    const { workflows } = await server.as(viewer.secret).data<{ workflows: any }>(`{ workflows(name: "nightly") { totalCount edges { node { id version } } } }`);
    expect(workflows.totalCount).toBe(2);
    expect(workflows.edges.map((edge: any) => edge.node.version)).toEqual([2, 1]);
    const { workflow } = await server.as(viewer.secret).data<{ workflow: any }>(`query ($id: ID!) { workflow(id: $id) { id name version source } }`, { id: first.id });
    expect(workflow).toEqual({ id: first.id, name: 'nightly', version: 1, source: diamond('nightly') });
  });

  it('numbers concurrent creates of one name without a gap or a duplicate', async () => {
    const created = await Promise.all(Array.from({ length: 6 }, () => create(diamond('racing'))));
    expect(created.map((workflow) => workflow.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('refuses an invalid definition with INVALID_WORKFLOW and the same problems, storing nothing', async () => {
    const definition = 'name: broken\nsteps:\n  - id: a\n    task: noop\n    dependsOn: [a]\n    onFailure: explode\n';
    const before = await sql<{ workflows: number; events: number; logs: number }>(
      server.db.url,
      'SELECT (SELECT count(*) FROM agent_workflows)::int AS workflows, (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM agent_logs)::int AS logs',
    );
    const response = await server.admin.request(CREATE, { definition });
    expect(errorCode(response)).toBe('INVALID_WORKFLOW');
    const { validateWorkflow } = await server.admin.data<{ validateWorkflow: any }>(VALIDATE, { definition });
    expect(response.errors![0]!.extensions!['problems']).toEqual(validateWorkflow.problems);
    expect(validateWorkflow.problems).toHaveLength(2);
    const after = await sql(server.db.url, 'SELECT (SELECT count(*) FROM agent_workflows)::int AS workflows, (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM agent_logs)::int AS logs');
    expect(after).toEqual(before);
  });

  it('writes one audit line and one workflow.created event per created workflow', async () => {
    const created = await create(diamond('audited'));
    const events = await sql<{ kind: string; data: any; actor: string }>(server.db.url, `SELECT kind, data, actor FROM events WHERE data->'workflow'->>'id' = $1`, [created.id]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'LOG', actor: 'admin', data: { action: 'workflow.created', workflow: { id: created.id, name: 'audited', version: 1 } } });
    expect(events[0]!.data.log.message).toContain('workflow "audited" version 1 created');
    const lines = await sql(server.db.url, `SELECT id FROM agent_logs WHERE metadata->>'workflowId' = $1`, [created.id]);
    expect(lines).toHaveLength(1);
  });

  it('refuses createWorkflow to VIEWER and OPERATOR keys and runWorkflow to VIEWER keys', async () => {
    expect(errorCode(await server.as(viewer.secret).request(CREATE, { definition: diamond('denied') }))).toBe('FORBIDDEN');
    expect(errorCode(await server.as(operator.secret).request(CREATE, { definition: diamond('denied') }))).toBe('FORBIDDEN');
    expect(errorCode(await server.as(viewer.secret).request(RUN, { input: { name: 'nightly' } }))).toBe('FORBIDDEN');
    expect(errorCode(await server.as(null).request(VALIDATE, { definition: 'name: x' }))).toBe('UNAUTHENTICATED');
  });

  it('refuses runWorkflow for an unknown workflow with NOT_FOUND and for a non-object input with BAD_USER_INPUT', async () => {
    const client = server.as(operator.secret);
    expect(errorCode(await client.request(RUN, { input: { name: 'no-such-workflow' } }))).toBe('NOT_FOUND');
    expect(errorCode(await client.request(RUN, { input: { workflowId: '00000000-0000-4000-8000-000000000000' } }))).toBe('NOT_FOUND');
    expect(errorCode(await client.request(RUN, { input: { name: 'nightly', version: 99 } }))).toBe('NOT_FOUND');
    const notObject = await client.request(RUN, { input: { name: 'nightly', input: [1, 2] } });
    expect(errorCode(notObject)).toBe('BAD_USER_INPUT');
    expect(notObject.errors![0]!.extensions!['path']).toBe('input.input');
    expect(errorCode(await client.request(RUN, { input: {} }))).toBe('BAD_USER_INPUT');
    const runs = await sql(server.db.url, 'SELECT id FROM workflow_runs');
    expect(runs).toHaveLength(0);
  });

  it('records a step that finds no agent as FAILED with the reason, not as a refused mutation', async () => {
    const { runWorkflow } = await server.as(operator.secret).data<{ runWorkflow: any }>(RUN, { input: { name: 'nightly', version: 1 } });
    expect(runWorkflow.status).toBe('FAILED');
    expect(runWorkflow.steps.map((step: any) => [step.stepId, step.status])).toEqual([
      ['a', 'FAILED'],
      ['b', 'SKIPPED'],
      ['c', 'SKIPPED'],
      ['d', 'SKIPPED'],
    ]);
    expect(runWorkflow.steps[0].error).toContain('NO_AGENT_AVAILABLE');
    const audit = await sql<{ actor: string; message: string }>(server.db.url, `SELECT actor, message FROM agent_logs WHERE metadata->>'workflowRunId' = $1 ORDER BY id LIMIT 1`, [runWorkflow.id]);
    expect(audit[0]).toEqual({ actor: 'wf-operator', message: expect.stringContaining('started by wf-operator') });
  });

  it('pages Workflow.runs newest first with a fixed number of statements for many workflows', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 4; index += 1) {
      const workflow = await create(`name: paged-${index}\nsteps:\n  - id: only\n    task: noop\n`);
      ids.push(workflow.id);
      for (let run = 0; run < 3; run += 1) await server.admin.data(RUN, { input: { workflowId: workflow.id } });
    }
    const query = `{ workflows(first: 4) { edges { node { id runs(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { id status workflow { id } steps { stepId status task { id } } } } } } } } }`;
    let result: any;
    const statements = await statementsDuring(server.api.services.dataSource, async () => {
      result = await server.admin.data(query);
    });
    // The four newest workflows are the ones just made (the query stays under the cost limit).
    const paged = result.workflows.edges.filter((edge: any) => ids.includes(edge.node.id));
    expect(paged).toHaveLength(4);
    for (const edge of paged) {
      expect(edge.node.runs.totalCount).toBe(3);
      expect(edge.node.runs.edges).toHaveLength(2);
      expect(edge.node.runs.pageInfo.hasNextPage).toBe(true);
      for (const run of edge.node.runs.edges) expect(run.node.workflow.id).toBe(edge.node.id);
    }
    // workflows (count + page), runs (count + page), workflows by id, steps: not one per workflow or run.
    expect(statements.length).toBeLessThanOrEqual(8);
    const next = await server.admin.data<{ workflow: any }>(`query ($id: ID!, $after: String) { workflow(id: $id) { runs(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage } } } }`, {
      id: paged[0].node.id,
      after: paged[0].node.runs.pageInfo.endCursor,
    });
    expect(next.workflow.runs.edges).toHaveLength(1);
    expect(next.workflow.runs.pageInfo.hasNextPage).toBe(false);
  });
});
