import { distribute, runningAgent, taskReaches } from '../support/agents';
import { startTestServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';

describe('a worker whose graphile-worker runner stops on its own', () => {
  let server: TestServer;
  let agentId: string;

  beforeAll(async () => {
    server = await startTestServer({ env: { RUN_WORKER: 'true' } });
    agentId = await runningAgent(server.admin, 'supervised', 4);
  });
  afterAll(async () => {
    await server.close();
  });

  it('starts a new runner that runs the tasks submitted after, and says so in its log', async () => {
    const worker = server.api.worker!;
    const first = worker.graphileRunner();
    // What graphile-worker does by itself when its pool gives up: the runner ends.
    await first.stop();
    const second = await waitFor(async () => (worker.graphileRunner() !== first ? worker.graphileRunner() : undefined), 'a new runner');
    const task = await distribute(server.admin, { type: 'noop', agentId, payload: { output: 'after' } });
    expect((await taskReaches(server.admin, task.id, ['SUCCEEDED', 'FAILED'])).status).toBe('SUCCEEDED');
    expect(worker.graphileRunner()).toBe(second);
    const lines = server.logs.map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(lines.filter((line) => line.msg === 'graphile-worker stopped on its own; starting it again')).toHaveLength(1);
    expect(lines.filter((line) => line.msg === 'graphile-worker running again')).toHaveLength(1);
  });
});
