import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for reads that run often: the overview's "tasks finished in the last minute"
 * (every second while anyone watches it) and an agent's evidence listed by time.
 */
export class QueryIndexes1764000200000 implements MigrationInterface {
  name = 'QueryIndexes1764000200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_agent_tasks_completed" ON "agent_tasks" ("completed_at") WHERE completed_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_evidence_agent_collected" ON "evidence" ("agent_id", "collected_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_evidence_agent_collected"`);
    await queryRunner.query(`DROP INDEX "public"."ix_agent_tasks_completed"`);
  }
}
