import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The newest-first order of lists (see `newestFirstOrder`): UTC millisecond, then id. */
const NEWEST_FIRST = `(date_trunc('milliseconds', created_at AT TIME ZONE 'UTC')) DESC, id DESC`;

/**
 * Builds an index of agent_tasks CONCURRENTLY, unless an earlier attempt of this migration built
 * it (kept: a long history's build is slow) or left it invalid (dropped, then built again).
 */
async function buildIndex(queryRunner: QueryRunner, name: string, columns: string): Promise<void> {
  const found: { valid: boolean }[] = await queryRunner.query('SELECT indisvalid AS valid FROM pg_index WHERE indexrelid = to_regclass($1)', [name]);
  if (found[0]?.valid === true) return;
  if (found[0] !== undefined) await queryRunner.query(`DROP INDEX CONCURRENTLY ${name}`);
  await queryRunner.query(`CREATE INDEX CONCURRENTLY ${name} ON agent_tasks ${columns}`);
}

/**
 * An agent's tasks in the order of newest-first lists, all of them and by status:
 * `ix_agent_tasks_agent_newest` (agent, time, id) and `ix_agent_tasks_agent_status_newest`
 * (agent, status, time, id), which replaces `ix_agent_tasks_agent_status` (agent, status): it
 * serves every query that one served, by its first two columns.
 *
 * Why: `Agent.tasks` ranked every task of the page's agents with a window function to keep
 * each agent's first few, so a page cost the agents' whole history. Along these indexes each
 * agent's page stops after its own rows, with or without a status filter.
 *
 * Built `CONCURRENTLY` (outside a transaction, so this migration is not wrapped in one): on a
 * deployment with a long history a plain build would hold back every task submission until it
 * finished. A build that failed halfway leaves an invalid index behind, which the next attempt
 * drops and builds again (an index an earlier attempt finished is kept). (`migrateAll` takes its
 * lock by trying, so no process waiting for it holds the snapshot such a build waits for.)
 */
export class AgentTaskPages1764000900000 implements MigrationInterface {
  name = 'AgentTaskPages1764000900000';
  transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    await buildIndex(queryRunner, 'ix_agent_tasks_agent_newest', `(agent_id, ${NEWEST_FIRST})`);
    await buildIndex(queryRunner, 'ix_agent_tasks_agent_status_newest', `(agent_id, status, ${NEWEST_FIRST})`);
    await queryRunner.query('DROP INDEX CONCURRENTLY IF EXISTS ix_agent_tasks_agent_status');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Not CONCURRENTLY: TypeORM undoes a migration inside a transaction whatever its flag says.
    await queryRunner.query('CREATE INDEX IF NOT EXISTS ix_agent_tasks_agent_status ON agent_tasks (agent_id, status)');
    await queryRunner.query('DROP INDEX IF EXISTS ix_agent_tasks_agent_status_newest');
    await queryRunner.query('DROP INDEX IF EXISTS ix_agent_tasks_agent_newest');
  }
}
