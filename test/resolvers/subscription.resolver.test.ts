import { randomUUID } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { returningRows } from '../../src/db/returning-rows';
import type { Services } from '../../src/services';
import { agentSnapshot } from '../../src/services/agents/agent-snapshot';
import { TASK_COLUMNS, taskFromRow, type TaskRow } from '../../src/services/tasks/task-row';
import { taskSnapshot } from '../../src/services/tasks/task-snapshot';
import { AgentInstanceEntity } from '../../src/entities';
import { createKey, revokeKey, type TestKey } from '../support/api-keys';
import { eventually, recordEvent, relayCaughtUp, subscribe, TEST_ACTOR, waitForListeners } from '../support/live';
import { startTestServer, type TestServer } from '../support/test-server';
import { connectionInitOutcome, wsClient } from '../support/ws-client';

const CREATE_AGENT = `mutation ($name: String!) { createAgent(input: { name: $name, type: "health-check", config: {} }) { id } }`;

async function createAgent(server: TestServer, name: string): Promise<string> {
  return (await server.admin.data<{ createAgent: { id: string } }>(CREATE_AGENT, { name })).createAgent.id;
}

/** An agent status change written as the lifecycle writes it (its row and its snapshot event). */
async function setAgentStatus(services: Services, agentId: string, status: string): Promise<void> {
  await services.changes.run(TEST_ACTOR, async (tx) => {
    const repo = tx.manager.getRepository(AgentInstanceEntity);
    const agent = await repo.findOneByOrFail({ id: agentId });
    const previousStatus = agent.status;
    agent.status = status;
    await repo.save(agent);
    await tx.record({ kind: 'AGENT_STATUS', agentId, status, previousStatus, data: { agent: agentSnapshot(agent) } }, { agentId, level: 'INFO', message: `agent ${status}` });
  });
}

/** A task status change as the engine writes it: the row and a TASK_STATUS event with its snapshot. */
async function taskChange(services: Services, agentId: string, status: string, taskId?: string): Promise<string> {
  return services.changes.run(TEST_ACTOR, async (tx) => {
    const rows = returningRows<TaskRow>(
      taskId === undefined
        ? await tx.manager.query(`INSERT INTO agent_tasks AS t (agent_id, type, status) VALUES ($1, 'noop', $2) RETURNING ${TASK_COLUMNS}`, [agentId, status])
        : await tx.manager.query(`UPDATE agent_tasks t SET status = $2 WHERE t.id = $1 RETURNING ${TASK_COLUMNS}`, [taskId, status]),
    );
    const task = taskFromRow(rows[0]!);
    await tx.record(
      { kind: 'TASK_STATUS', agentId, taskId: task.id, status, previousStatus: null, data: { task: taskSnapshot(task) } },
      { agentId, taskId: task.id, level: 'INFO', message: `task ${status}` },
    );
    return task.id;
  });
}

describe('subscriptions over graphql-ws', () => {
  let server: TestServer;
  let viewer: TestKey;
  let client: Client;
  let baseListeners: number;

  beforeAll(async () => {
    server = await startTestServer();
    viewer = await createKey(server.admin, 'live-viewer', 'VIEWER');
    client = wsClient(server.wsUrl, viewer.secret);
    // The process's own listener (revocations) is there before any subscription.
    baseListeners = server.api.services.bus.listenerCount;
  });
  afterAll(async () => {
    await client.dispose();
    await server.close();
  });

  /**
   * Subscribes once earlier subscriptions are gone and every earlier change was relayed
   * (so "from now on" starts after them), and waits until the server registered them all.
   */
  async function live<T>(subscriptions: [string, Record<string, unknown>?][]): Promise<ReturnType<typeof subscribe<T>>[]> {
    const { services } = server.api;
    await eventually(() => services.bus.listenerCount === baseListeners, 10_000, 'earlier subscriptions to end');
    await relayCaughtUp(services);
    const subs = subscriptions.map(([query, variables]) => subscribe<T>(client, query, variables));
    await waitForListeners(services, baseListeners + subs.length);
    return subs;
  }

  it('agentStatusChanged delivers status changes with the agent as of the event, narrowed by agentId', async () => {
    const alpha = await createAgent(server, 'alpha');
    const query = `subscription ($agentId: ID) { agentStatusChanged(agentId: $agentId) { status previousStatus at agent { id name status config } } }`;
    const [all, onlyAlpha] = await live<any>([[query], [query, { agentId: alpha }]]);
    const beta = await createAgent(server, 'beta');
    await setAgentStatus(server.api.services, alpha, 'RUNNING');
    const [created, running] = await all!.waitFor(2);
    expect(created).toMatchObject({ status: 'CREATED', previousStatus: null, agent: { id: beta, name: 'beta', status: 'CREATED', config: {} } });
    expect(running).toMatchObject({ status: 'RUNNING', previousStatus: 'CREATED', agent: { id: alpha, status: 'RUNNING' } });
    const [alphaOnly] = await onlyAlpha!.waitFor(1);
    expect(alphaOnly).toMatchObject({ status: 'RUNNING', agent: { id: alpha, name: 'alpha' } });
    expect(onlyAlpha!.values).toHaveLength(1);
    all!.unsubscribe();
    onlyAlpha!.unsubscribe();
  });

  it('taskUpdated delivers the task snapshot of every change, narrowed by agentId and by taskId', async () => {
    const agentA = await createAgent(server, 'tasks-a');
    const agentB = await createAgent(server, 'tasks-b');
    const firstTask = await taskChange(server.api.services, agentA, 'QUEUED');
    const query = `subscription ($agentId: ID, $taskId: ID) { taskUpdated(agentId: $agentId, taskId: $taskId) { id status type attempts createdAt agent { id name } } }`;
    const [all, ofB, oneTask] = await live<any>([[query], [query, { agentId: agentB }], [query, { taskId: firstTask }]]);
    await taskChange(server.api.services, agentA, 'RUNNING', firstTask);
    const taskOfB = await taskChange(server.api.services, agentB, 'QUEUED');
    await taskChange(server.api.services, agentA, 'SUCCEEDED', firstTask);
    const seen = await all!.waitFor(3);
    expect(seen.map((task) => [task.id, task.status])).toEqual([
      [firstTask, 'RUNNING'],
      [taskOfB, 'QUEUED'],
      [firstTask, 'SUCCEEDED'],
    ]);
    expect(seen[0]).toMatchObject({ type: 'noop', attempts: 0, agent: { id: agentA, name: 'tasks-a' } });
    expect((await ofB!.waitFor(1)).map((task) => task.id)).toEqual([taskOfB]);
    expect((await oneTask!.waitFor(2)).map((task) => task.status)).toEqual(['RUNNING', 'SUCCEEDED']);
    expect(ofB!.values).toHaveLength(1);
    for (const sub of [all, ofB, oneTask]) sub!.unsubscribe();
  });

  it('sends every change in order to each of many sockets holding the same subscription, and nothing more to one that completed', async () => {
    const agentId = await createAgent(server, 'fan-out');
    const query = `subscription ($agentId: ID) { taskUpdated(agentId: $agentId) { id status agent { name } } }`;
    const { services } = server.api;
    await eventually(() => services.bus.listenerCount === baseListeners, 10_000, 'earlier subscriptions to end');
    await relayCaughtUp(services);
    const clients = Array.from({ length: 6 }, () => wsClient(server.wsUrl, viewer.secret));
    const subs = clients.map((each) => subscribe<any>(each, query, { agentId }));
    await waitForListeners(services, baseListeners + subs.length);

    const taskIds: string[] = [];
    for (let n = 0; n < 5; n += 1) taskIds.push(await taskChange(services, agentId, 'QUEUED'));
    await Promise.all(subs.map((sub) => sub.waitFor(5)));
    const leaving = subs[0]!;
    leaving.unsubscribe();
    await eventually(() => services.bus.listenerCount === baseListeners + subs.length - 1, 10_000, 'the completed subscription to end');
    for (let n = 0; n < 5; n += 1) taskIds.push(await taskChange(services, agentId, 'QUEUED'));
    for (const sub of subs.slice(1)) {
      const seen = await sub.waitFor(10);
      expect(seen.map((task) => task.id)).toEqual(taskIds);
      expect(seen.every((task) => task.status === 'QUEUED' && task.agent.name === 'fan-out')).toBe(true);
      expect(sub.nextErrors).toEqual([]);
      sub.unsubscribe();
    }
    expect(leaving.values.map((task) => task.id)).toEqual(taskIds.slice(0, 5));
    await Promise.all(clients.map((each) => each.dispose()));
    await eventually(() => services.bus.listenerCount === baseListeners, 10_000, 'the subscriptions to end');
  });

  it('workflowRunUpdated delivers run and step changes as the run, narrowed by runId', async () => {
    const [runA, runB] = [randomUUID(), randomUUID()];
    const query = `subscription ($runId: ID) { workflowRunUpdated(runId: $runId) { id status input error createdAt startedAt completedAt } }`;
    const [all, onlyB] = await live<any>([[query], [query, { runId: runB }]]);
    const at = new Date().toISOString();
    const changes = [[runA, 'RUNNING', 'WORKFLOW_RUN_STATUS'], [runB, 'RUNNING', 'WORKFLOW_RUN_STATUS'], [runB, 'RUNNING', 'STEP_STATUS'], [runB, 'FAILED', 'WORKFLOW_RUN_STATUS']] as const;
    for (const [id, status, kind] of changes) {
      const run = { id, workflowId: randomUUID(), status, input: { n: 1 }, error: status === 'FAILED' ? 'step x failed' : null, createdAt: at, startedAt: at, completedAt: status === 'FAILED' ? at : null };
      const step = { runId: id, stepId: 'x', status: 'FAILED', taskId: null, attempts: 1, output: null, error: 'boom', startedAt: at, completedAt: at };
      await recordEvent(server.api.services, { kind, workflowRunId: id, status: kind === 'STEP_STATUS' ? 'FAILED' : status, data: kind === 'STEP_STATUS' ? { step, run } : { run } });
    }
    expect((await all!.waitFor(4)).map((run) => [run.id, run.status])).toEqual([
      [runA, 'RUNNING'],
      [runB, 'RUNNING'],
      [runB, 'RUNNING'],
      [runB, 'FAILED'],
    ]);
    const onlyRunB = await onlyB!.waitFor(3);
    expect(onlyRunB[2]).toEqual({ id: runB, status: 'FAILED', input: { n: 1 }, error: 'step x failed', createdAt: at, startedAt: at, completedAt: at });
    all!.unsubscribe();
    onlyB!.unsubscribe();
  });

  it('agentLogAdded delivers the audit line of every change, narrowed by agentId and minLevel', async () => {
    const agent = await createAgent(server, 'logs-a');
    const query = `subscription ($agentId: ID, $minLevel: LogLevel) { agentLogAdded(agentId: $agentId, minLevel: $minLevel) { id level message actor agent { id } } }`;
    const [all, warnings] = await live<any>([[query], [query, { agentId: agent, minLevel: 'WARN' }]]);
    await server.admin.data(`mutation ($id: ID!) { updateAgent(id: $id, input: { maxConcurrency: 2 }) { id } }`, { id: agent });
    await server.api.services.changes.run(TEST_ACTOR, (tx) => tx.log({ agentId: agent, level: 'ERROR', message: 'probe failed' }));
    await createKey(server.admin, 'logs-key', 'VIEWER');
    await server.admin.data(`mutation ($id: ID!) { deleteAgent(id: $id) }`, { id: agent });
    const lines = await all!.waitFor(4);
    expect(lines.map((line) => line.level)).toEqual(['INFO', 'ERROR', 'INFO', 'WARN']);
    expect(lines[0]).toMatchObject({ actor: 'admin', agent: { id: agent } });
    expect(lines[2]!.agent).toBeNull();
    const important = await warnings!.waitFor(2);
    expect(important.map((line) => line.message)).toEqual(['probe failed', 'agent "logs-a" deleted']);
    all!.unsubscribe();
    warnings!.unsubscribe();
  });

  it('overviewUpdated sends the current overview, then a new one only when it changed', async () => {
    const overview = subscribe<any>(client, `subscription { overviewUpdated { agentsByStatus { status count } tasksByStatus { status count } queueDepth tasksPerMinute at } }`);
    const [first] = await overview.waitFor(1);
    const created = (): number => overview.values.at(-1)!.agentsByStatus.find((entry: { status: string }) => entry.status === 'CREATED').count;
    const before = created();
    expect(first.agentsByStatus.map((entry: { status: string }) => entry.status)).toEqual(['CREATED', 'STARTING', 'RUNNING', 'STOPPING', 'STOPPED', 'ERROR']);
    const queried = await server.as(viewer.secret).data<{ overview: any }>(`{ overview { agentsByStatus { status count } queueDepth } }`);
    expect(queried.overview.agentsByStatus).toEqual(first.agentsByStatus);
    await createAgent(server, 'overview-a');
    const [, second] = await overview.waitFor(2, 5_000);
    expect(created()).toBe(before + 1);
    expect(new Date(second.at).getTime()).toBeGreaterThanOrEqual(new Date(first.at).getTime() + 900);
    overview.unsubscribe();
  });

  it('lets a VIEWER key subscribe while a missing key is closed with 4403, and closes a revoked key at once', async () => {
    expect(await connectionInitOutcome(server.wsUrl, undefined)).toEqual({ acked: false, closeCode: 4403 });
    expect(await connectionInitOutcome(server.wsUrl, { authorization: 'Bearer nope' })).toEqual({ acked: false, closeCode: 4403 });
    const doomed = await createKey(server.admin, 'doomed', 'VIEWER');
    const doomedClient = wsClient(server.wsUrl, doomed.secret);
    const closed = new Promise<number>((resolve) => doomedClient.on('closed', (event) => resolve((event as { code: number }).code)));
    await eventually(() => server.api.services.bus.listenerCount === baseListeners, 10_000, 'earlier subscriptions to end');
    const events = subscribe(doomedClient, `subscription { events { cursor } }`);
    await waitForListeners(server.api.services, baseListeners + 1);
    await revokeKey(server.admin, doomed.id);
    expect(await closed).toBe(4403);
    await events.ended();
    await doomedClient.dispose();
  });
});
