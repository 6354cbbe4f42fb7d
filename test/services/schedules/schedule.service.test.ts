import { createDataSource } from '../../../src/db/data-source';
import { createServices, type Services } from '../../../src/services';
import { runningAgent } from '../../support/agents';
import { sql } from '../../support/test-database';
import { startTestServer, type TestServer } from '../../support/test-server';

const SCHEDULER = { name: 'worker:test', correlationId: 'scheduler' };

describe('schedules', () => {
  let server: TestServer;
  let second: Services;
  let agentId: string;
  beforeAll(async () => {
    server = await startTestServer({ env: { RUN_WORKER: 'true', SCHEDULER_INTERVAL_MS: '600000' } });
    agentId = await runningAgent(server.admin, 'scheduled');
    // A second worker's scheduler: its own connection pool on the same database.
    const dataSource = createDataSource({ url: server.db.url, poolSize: 2 });
    await dataSource.initialize();
    const api = server.api.services;
    second = createServices({ config: api.config, dataSource, keys: api.keys, logger: api.logger });
  });
  afterAll(async () => {
    await second.dataSource.destroy();
    await server.close();
  });

  async function tasksOf(scheduleId: string): Promise<number> {
    const rows = await sql<{ count: number }>(server.db.url, `SELECT count(*)::int AS count FROM agent_tasks WHERE idempotency_key LIKE $1`, [`schedule:${scheduleId}:%`]);
    return rows[0]!.count;
  }

  it('fires an every-minute schedule exactly once per minute with two schedulers racing', async () => {
    const { createSchedule } = await server.admin.data<{ createSchedule: { id: string; nextRunAt: string } }>(
      `mutation ($input: CreateScheduleInput!) { createSchedule(input: $input) { id nextRunAt enabled cron } }`,
      { input: { agentId, taskType: 'noop', cron: '* * * * *', payload: { output: 'tick' } } },
    );
    let clock = new Date(createSchedule.nextRunAt).getTime() + 1_000;
    for (let minute = 0; minute < 3; minute += 1) {
      const now = new Date(clock);
      await Promise.all([server.api.services.schedules.fireDue(SCHEDULER, now), second.schedules.fireDue(SCHEDULER, now), second.schedules.fireDue(SCHEDULER, now)]);
      expect(await tasksOf(createSchedule.id)).toBe(minute + 1);
      clock += 60_000;
    }
    // A ten-minute outage is made up by one run, not ten.
    await server.api.services.schedules.fireDue(SCHEDULER, new Date(clock + 10 * 60_000));
    expect(await tasksOf(createSchedule.id)).toBe(4);
    const { schedules } = await server.admin.data<{ schedules: { id: string; lastRunAt: string; agent: { id: string } }[] }>(`query ($agentId: ID) { schedules(agentId: $agentId) { id lastRunAt agent { id } } }`, { agentId });
    expect(schedules[0]!.agent.id).toBe(agentId);
    expect(schedules[0]!.lastRunAt).not.toBeNull();
  });

  it('does not fire while the schedule is disabled or its agent is not RUNNING', async () => {
    const { createSchedule } = await server.admin.data<{ createSchedule: { id: string; nextRunAt: string } }>(
      `mutation ($input: CreateScheduleInput!) { createSchedule(input: $input) { id nextRunAt } }`,
      { input: { agentId, taskType: 'noop', cron: '*/5 * * * *' } },
    );
    await server.admin.data(`mutation ($id: ID!) { setScheduleEnabled(id: $id, enabled: false) { enabled } }`, { id: createSchedule.id });
    await server.api.services.schedules.fireDue(SCHEDULER, new Date(Date.now() + 3_600_000));
    expect(await tasksOf(createSchedule.id)).toBe(0);
    await server.admin.data(`mutation ($id: ID!) { setScheduleEnabled(id: $id, enabled: true) { enabled } }`, { id: createSchedule.id });
    await server.admin.data(`mutation ($id: ID!) { stopAgent(id: $id) { status } }`, { id: agentId });
    await server.api.services.schedules.fireDue(SCHEDULER, new Date(Date.now() + 7_200_000));
    expect(await tasksOf(createSchedule.id)).toBe(0);
    expect(await server.admin.data(`mutation ($id: ID!) { deleteSchedule(id: $id) }`, { id: createSchedule.id })).toEqual({ deleteSchedule: true });
  });

  it('refuses cron garbage with BAD_USER_INPUT naming the field', async () => {
    for (const cron of ['', 'every minute', '* * * *', '61 * * * *', '* * * * * *']) {
      const response = await server.admin.request(`mutation ($input: CreateScheduleInput!) { createSchedule(input: $input) { id } }`, { input: { agentId, taskType: 'noop', cron } });
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'input.cron' });
    }
  });
});
