import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `ix_agent_tasks_agent_newest`: an agent's tasks in the order of newest-first lists (the
 * millisecond-truncated UTC creation time, then the id; see `newestFirstOrder`).
 *
 * Why: `Agent.tasks` ranked every task of the page's agents with a window function to keep
 * each agent's first few, so a page cost the agents' whole history. Along this index each
 * agent's page stops after its own rows. Built `CONCURRENTLY` (outside a transaction, so this
 * migration is not wrapped in one): on a deployment with a long history a plain build would hold
 * back every task submission until it finished. A build that failed halfway leaves an invalid
 * index behind, which the next attempt drops first.
 */
export class AgentTaskPages1764000900000 implements MigrationInterface {
  name = 'AgentTaskPages1764000900000';
  transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX CONCURRENTLY IF EXISTS ix_agent_tasks_agent_newest');
    await queryRunner.query(
      `CREATE INDEX CONCURRENTLY ix_agent_tasks_agent_newest
       ON agent_tasks (agent_id, (date_trunc('milliseconds', created_at AT TIME ZONE 'UTC')) DESC, id DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Not CONCURRENTLY: TypeORM undoes a migration inside a transaction whatever its flag says.
    await queryRunner.query('DROP INDEX IF EXISTS ix_agent_tasks_agent_newest');
  }
}
