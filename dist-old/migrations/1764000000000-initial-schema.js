"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.InitialSchema1764000000000 = void 0;
/**
 * The whole first schema: the seed's five tables (agent_instances, agent_tasks,
 * agent_workflows, agent_metrics, agent_logs) with the contract's columns, plus
 * api_keys, the events outbox (bigserial cursor), workflow runs and step runs,
 * schedules, the evidence chain, worker heartbeats and system settings.
 * graphile-worker installs its own schema with its own migrate.
 */
class InitialSchema1764000000000 {
    name = 'InitialSchema1764000000000';
    async up(queryRunner) {
        await queryRunner.query(`CREATE TABLE "agent_instances" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "type" text NOT NULL, "status" text NOT NULL DEFAULT 'CREATED', "status_reason" text, "config" jsonb NOT NULL DEFAULT '{}', "max_concurrency" integer NOT NULL DEFAULT '4', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_active_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_70016f72258eafff5d06fdaffb0" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_agent_instances_created" ON "agent_instances" ("created_at", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_agent_instances_status" ON "agent_instances" ("status") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_agent_instances_live_name" ON "agent_instances" ("name") WHERE deleted_at IS NULL`);
        await queryRunner.query(`CREATE TABLE "agent_logs" ("id" BIGSERIAL NOT NULL, "agent_id" uuid, "task_id" uuid, "level" text NOT NULL, "message" text NOT NULL, "metadata" jsonb, "actor" text, "correlation_id" text, "timestamp" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2cc52efab0f963454d7006a6981" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_agent_logs_task" ON "agent_logs" ("task_id") `);
        await queryRunner.query(`CREATE INDEX "ix_agent_logs_actor" ON "agent_logs" ("actor", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_agent_logs_agent" ON "agent_logs" ("agent_id", "id") `);
        await queryRunner.query(`CREATE TABLE "agent_metrics" ("id" BIGSERIAL NOT NULL, "agent_id" uuid, "task_id" uuid, "name" text NOT NULL, "value" double precision NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bacac16f2d0c796a41cf4d0cee5" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_agent_metrics_agent_name_time" ON "agent_metrics" ("agent_id", "name", "recorded_at") `);
        await queryRunner.query(`CREATE INDEX "ix_agent_metrics_name_time" ON "agent_metrics" ("name", "recorded_at") `);
        await queryRunner.query(`CREATE TABLE "agent_workflows" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "version" integer NOT NULL, "definition" jsonb NOT NULL, "source" text NOT NULL, "created_by" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_76cc33610698dc1e9c50487c74c" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_agent_workflows_created" ON "agent_workflows" ("created_at", "id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_agent_workflows_name_version" ON "agent_workflows" ("name", "version") `);
        await queryRunner.query(`CREATE TABLE "workflow_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workflow_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'PENDING', "input" jsonb, "error" text, "created_by" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_eea9f8d0a660b3f48114c313233" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_workflow_runs_status" ON "workflow_runs" ("status") `);
        await queryRunner.query(`CREATE INDEX "ix_workflow_runs_workflow_created" ON "workflow_runs" ("workflow_id", "created_at", "id") `);
        await queryRunner.query(`CREATE TABLE "agent_tasks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agent_id" uuid NOT NULL, "type" text NOT NULL, "status" text NOT NULL DEFAULT 'QUEUED', "payload" jsonb NOT NULL DEFAULT '{}', "result" jsonb, "error" text, "attempts" integer NOT NULL DEFAULT '0', "max_attempts" integer NOT NULL DEFAULT '3', "priority" integer NOT NULL DEFAULT '0', "run_at" TIMESTAMP WITH TIME ZONE, "timeout_seconds" integer, "idempotency_key" text, "workflow_run_id" uuid, "step_id" text, "created_by" text, "worker_id" text, "cancel_requested_at" TIMESTAMP WITH TIME ZONE, "queued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, "duration_ms" integer, CONSTRAINT "PK_0dd9472bb57b7ab7d0a5cd1f20b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_agent_tasks_idempotency_key" ON "agent_tasks" ("idempotency_key") WHERE idempotency_key IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_agent_tasks_workflow_run" ON "agent_tasks" ("workflow_run_id") `);
        await queryRunner.query(`CREATE INDEX "ix_agent_tasks_created" ON "agent_tasks" ("created_at", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_agent_tasks_status" ON "agent_tasks" ("status") `);
        await queryRunner.query(`CREATE INDEX "ix_agent_tasks_agent_status" ON "agent_tasks" ("agent_id", "status") `);
        await queryRunner.query(`CREATE TABLE "api_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "role" text NOT NULL, "prefix" text NOT NULL, "hash" text NOT NULL, "created_by" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_api_keys_hash" ON "api_keys" ("hash") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_api_keys_live_name" ON "api_keys" ("name") WHERE revoked_at IS NULL`);
        await queryRunner.query(`CREATE TABLE "events" ("cursor" BIGSERIAL NOT NULL, "kind" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "agent_id" uuid, "task_id" uuid, "workflow_run_id" uuid, "status" text, "previous_status" text, "data" jsonb, "actor" text, "correlation_id" text, CONSTRAINT "PK_bd5f472327e3e99580d6ba1afc0" PRIMARY KEY ("cursor"))`);
        await queryRunner.query(`CREATE INDEX "ix_events_at" ON "events" ("at") `);
        await queryRunner.query(`CREATE INDEX "ix_events_agent_cursor" ON "events" ("agent_id", "cursor") `);
        await queryRunner.query(`CREATE TABLE "evidence" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agent_id" uuid NOT NULL, "task_id" uuid, "seq" integer NOT NULL, "source" text NOT NULL, "kind" text NOT NULL, "external_id" text, "external_version" text, "data" jsonb NOT NULL, "sha256" text NOT NULL, "prev_sha256" text, "signature" text NOT NULL, "key_id" text NOT NULL, "collected_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b864cb5d49854f89917fc0b44b9" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_evidence_external_version" ON "evidence" ("agent_id", "kind", "external_id", "external_version") WHERE external_id IS NOT NULL AND external_version IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_evidence_agent_kind" ON "evidence" ("agent_id", "kind", "seq") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_evidence_agent_seq" ON "evidence" ("agent_id", "seq") `);
        await queryRunner.query(`CREATE TABLE "schedules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agent_id" uuid NOT NULL, "task_type" text NOT NULL, "payload" jsonb NOT NULL DEFAULT '{}', "cron" text NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "last_run_at" TIMESTAMP WITH TIME ZONE, "next_run_at" TIMESTAMP WITH TIME ZONE, "created_by" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_7e33fc2ea755a5765e3564e66dd" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_schedules_due" ON "schedules" ("next_run_at") WHERE enabled AND deleted_at IS NULL`);
        await queryRunner.query(`CREATE INDEX "ix_schedules_agent" ON "schedules" ("agent_id") `);
        await queryRunner.query(`CREATE TABLE "system_settings" ("key" text NOT NULL, "value" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b1b5bc664526d375c94ce9ad43d" PRIMARY KEY ("key"))`);
        await queryRunner.query(`CREATE TABLE "worker_heartbeats" ("worker_id" text NOT NULL, "hostname" text NOT NULL, "pid" integer NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "heartbeat_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "stopped_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_35082e5e316be8465333d9c09d8" PRIMARY KEY ("worker_id"))`);
        await queryRunner.query(`CREATE TABLE "workflow_step_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "run_id" uuid NOT NULL, "step_id" text NOT NULL, "position" integer NOT NULL DEFAULT '0', "status" text NOT NULL DEFAULT 'PENDING', "task_id" uuid, "attempts" integer NOT NULL DEFAULT '0', "output" jsonb, "error" text, "started_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6f0af0283f7143e7f1ebe3f5137" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_workflow_step_runs_task" ON "workflow_step_runs" ("task_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_workflow_step_runs_run_step" ON "workflow_step_runs" ("run_id", "step_id") `);
        await queryRunner.query(`ALTER TABLE "workflow_runs" ADD CONSTRAINT "fk_workflow_runs_workflow" FOREIGN KEY ("workflow_id") REFERENCES "agent_workflows"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "agent_tasks" ADD CONSTRAINT "fk_agent_tasks_agent" FOREIGN KEY ("agent_id") REFERENCES "agent_instances"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "agent_tasks" ADD CONSTRAINT "fk_agent_tasks_workflow_run" FOREIGN KEY ("workflow_run_id") REFERENCES "workflow_runs"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "evidence" ADD CONSTRAINT "fk_evidence_agent" FOREIGN KEY ("agent_id") REFERENCES "agent_instances"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "schedules" ADD CONSTRAINT "fk_schedules_agent" FOREIGN KEY ("agent_id") REFERENCES "agent_instances"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "workflow_step_runs" ADD CONSTRAINT "fk_workflow_step_runs_run" FOREIGN KEY ("run_id") REFERENCES "workflow_runs"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    }
    async down(queryRunner) {
        await queryRunner.query(`ALTER TABLE "workflow_step_runs" DROP CONSTRAINT "fk_workflow_step_runs_run"`);
        await queryRunner.query(`ALTER TABLE "schedules" DROP CONSTRAINT "fk_schedules_agent"`);
        await queryRunner.query(`ALTER TABLE "evidence" DROP CONSTRAINT "fk_evidence_agent"`);
        await queryRunner.query(`ALTER TABLE "agent_tasks" DROP CONSTRAINT "fk_agent_tasks_workflow_run"`);
        await queryRunner.query(`ALTER TABLE "agent_tasks" DROP CONSTRAINT "fk_agent_tasks_agent"`);
        await queryRunner.query(`ALTER TABLE "workflow_runs" DROP CONSTRAINT "fk_workflow_runs_workflow"`);
        await queryRunner.query(`DROP INDEX "public"."uq_workflow_step_runs_run_step"`);
        await queryRunner.query(`DROP INDEX "public"."ix_workflow_step_runs_task"`);
        await queryRunner.query(`DROP TABLE "workflow_step_runs"`);
        await queryRunner.query(`DROP TABLE "worker_heartbeats"`);
        await queryRunner.query(`DROP TABLE "system_settings"`);
        await queryRunner.query(`DROP INDEX "public"."ix_schedules_agent"`);
        await queryRunner.query(`DROP INDEX "public"."ix_schedules_due"`);
        await queryRunner.query(`DROP TABLE "schedules"`);
        await queryRunner.query(`DROP INDEX "public"."uq_evidence_agent_seq"`);
        await queryRunner.query(`DROP INDEX "public"."ix_evidence_agent_kind"`);
        await queryRunner.query(`DROP INDEX "public"."uq_evidence_external_version"`);
        await queryRunner.query(`DROP TABLE "evidence"`);
        await queryRunner.query(`DROP INDEX "public"."ix_events_agent_cursor"`);
        await queryRunner.query(`DROP INDEX "public"."ix_events_at"`);
        await queryRunner.query(`DROP TABLE "events"`);
        await queryRunner.query(`DROP INDEX "public"."uq_api_keys_live_name"`);
        await queryRunner.query(`DROP INDEX "public"."uq_api_keys_hash"`);
        await queryRunner.query(`DROP TABLE "api_keys"`);
        await queryRunner.query(`DROP INDEX "public"."ix_agent_tasks_agent_status"`);
        await queryRunner.query(`DROP INDEX "public"."ix_agent_tasks_status"`);
        await queryRunner.query(`DROP INDEX "public"."ix_agent_tasks_created"`);
        await queryRunner.query(`DROP INDEX "public"."ix_agent_tasks_workflow_run"`);
        await queryRunner.query(`DROP INDEX "public"."uq_agent_tasks_idempotency_key"`);
        await queryRunner.query(`DROP TABLE "agent_tasks"`);
        await queryRunner.query(`DROP INDEX "public"."ix_workflow_runs_workflow_created"`);
        await queryRunner.query(`DROP INDEX "public"."ix_workflow_runs_status"`);
        await queryRunner.query(`DROP TABLE "workflow_runs"`);
        await queryRunner.query(`DROP INDEX "public"."uq_agent_workflows_name_version"`);
        await queryRunner.query(`DROP INDEX "public"."ix_agent_workflows_created"`);
        await queryRunner.query(`DROP TABLE "agent_workflows"`);
        await queryRunner.query(`DROP INDEX "public"."ix_agent_metrics_name_time"`);
        await queryRunner.query(`DROP INDEX "public"."ix_agent_metrics_agent_name_time"`);
        await queryRunner.query(`DROP TABLE "agent_metrics"`);
        await queryRunner.query(`DROP INDEX "public"."ix_agent_logs_agent"`);
        await queryRunner.query(`DROP INDEX "public"."ix_agent_logs_actor"`);
        await queryRunner.query(`DROP INDEX "public"."ix_agent_logs_task"`);
        await queryRunner.query(`DROP TABLE "agent_logs"`);
        await queryRunner.query(`DROP INDEX "public"."uq_agent_instances_live_name"`);
        await queryRunner.query(`DROP INDEX "public"."ix_agent_instances_status"`);
        await queryRunner.query(`DROP INDEX "public"."ix_agent_instances_created"`);
        await queryRunner.query(`DROP TABLE "agent_instances"`);
    }
}
exports.InitialSchema1764000000000 = InitialSchema1764000000000;
//# sourceMappingURL=1764000000000-initial-schema.js.map