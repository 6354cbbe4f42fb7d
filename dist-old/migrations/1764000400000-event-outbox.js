"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EventOutbox1764000400000 = void 0;
/**
 * The event outbox: changes write their events here without any lock, and the event
 * sequencer moves them to `events`, numbering them in commit order (see EventSequencer).
 * `tx` (the writing transaction) keeps a change's events together when they are numbered.
 * Before it, every change took one global lock to number its own events, so commits of
 * unrelated changes waited on each other.
 */
class EventOutbox1764000400000 {
    name = 'EventOutbox1764000400000';
    async up(queryRunner) {
        await queryRunner.query(`CREATE TABLE "event_outbox" ("id" BIGSERIAL NOT NULL, "kind" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "agent_id" uuid, "task_id" uuid, "workflow_run_id" uuid, "status" text, "previous_status" text, "data" jsonb, "actor" text, "correlation_id" text, "tx" bigint NOT NULL DEFAULT txid_current(), CONSTRAINT "pk_event_outbox" PRIMARY KEY ("id"))`);
    }
    async down(queryRunner) {
        // Events still waiting for a cursor are numbered now: rolling back must not lose them.
        await queryRunner.query(`INSERT INTO events (kind, at, agent_id, task_id, workflow_run_id, status, previous_status, data, actor, correlation_id)
       SELECT kind, at, agent_id, task_id, workflow_run_id, status, previous_status, data, actor, correlation_id FROM event_outbox ORDER BY id`);
        await queryRunner.query(`DROP TABLE "event_outbox"`);
    }
}
exports.EventOutbox1764000400000 = EventOutbox1764000400000;
//# sourceMappingURL=1764000400000-event-outbox.js.map