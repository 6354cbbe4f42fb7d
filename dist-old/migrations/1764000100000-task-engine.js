"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TaskEngine1764000100000 = void 0;
/**
 * The task engine's bookkeeping: tasks waiting for a free concurrency slot of their agent
 * (blocked_at), and the graphile-worker worker ids of each worker process, so a sweep can
 * unlock a dead process's jobs with forceUnlockWorkers.
 */
class TaskEngine1764000100000 {
    name = 'TaskEngine1764000100000';
    async up(queryRunner) {
        await queryRunner.query(`ALTER TABLE "agent_tasks" ADD "blocked_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`CREATE INDEX "ix_agent_tasks_blocked" ON "agent_tasks" ("agent_id", "blocked_at") WHERE status = 'QUEUED' AND blocked_at IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_agent_tasks_worker_running" ON "agent_tasks" ("worker_id") WHERE status = 'RUNNING'`);
        await queryRunner.query(`ALTER TABLE "worker_heartbeats" ADD "graphile_worker_ids" text array NOT NULL DEFAULT '{}'`);
    }
    async down(queryRunner) {
        await queryRunner.query(`ALTER TABLE "worker_heartbeats" DROP COLUMN "graphile_worker_ids"`);
        await queryRunner.query(`DROP INDEX "public"."ix_agent_tasks_worker_running"`);
        await queryRunner.query(`DROP INDEX "public"."ix_agent_tasks_blocked"`);
        await queryRunner.query(`ALTER TABLE "agent_tasks" DROP COLUMN "blocked_at"`);
    }
}
exports.TaskEngine1764000100000 = TaskEngine1764000100000;
//# sourceMappingURL=1764000100000-task-engine.js.map