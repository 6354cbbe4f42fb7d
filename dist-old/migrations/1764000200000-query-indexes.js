"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.QueryIndexes1764000200000 = void 0;
/**
 * Indexes for reads that run often: the overview's "tasks finished in the last minute"
 * (every second while anyone watches it) and an agent's evidence listed by time.
 */
class QueryIndexes1764000200000 {
    name = 'QueryIndexes1764000200000';
    async up(queryRunner) {
        await queryRunner.query(`CREATE INDEX "ix_agent_tasks_completed" ON "agent_tasks" ("completed_at") WHERE completed_at IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_evidence_agent_collected" ON "evidence" ("agent_id", "collected_at")`);
    }
    async down(queryRunner) {
        await queryRunner.query(`DROP INDEX "public"."ix_evidence_agent_collected"`);
        await queryRunner.query(`DROP INDEX "public"."ix_agent_tasks_completed"`);
    }
}
exports.QueryIndexes1764000200000 = QueryIndexes1764000200000;
//# sourceMappingURL=1764000200000-query-indexes.js.map