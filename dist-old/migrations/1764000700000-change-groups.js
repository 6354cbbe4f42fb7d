"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ChangeGroups1764000700000 = void 0;
const _1764000500000_change_writer_1 = require("./1764000500000-change-writer");
/**
 * Events are kept together and ordered per call of `velocity_write_changes`, not per
 * transaction: each call marks its outbox rows (`tx`) with the outbox id of its first event,
 * and the sequencer numbers each mark's events together, in the order of those first ids.
 *
 * Why: group commit (src/db/whole-transaction-batcher.ts) sends several whole changes in one
 * transaction. Each writes its events after taking the locks its checks need (a claim writes
 * under its agent's row lock), so they must be numbered after the changes it waited for. With
 * one mark per transaction they all took the place of the transaction's first event, which
 * can come before those changes. A transaction of Node's general path calls the writer once
 * (in its commit message), so for it nothing changes; rows written without the writer keep
 * the column's default, the transaction id.
 */
class ChangeGroups1764000700000 {
    name = 'ChangeGroups1764000700000';
    async up(queryRunner) {
        await queryRunner.query(`
      CREATE OR REPLACE FUNCTION velocity_write_changes(p_changes jsonb, p_metrics jsonb, p_actor text, p_correlation_id text)
      RETURNS TABLE (outbox_id bigint, written_at text) LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        change jsonb;
        line jsonb;
        event_data jsonb;
        line_id bigint;
        line_time timestamptz;
        event_id bigint;
        first_event_id bigint;
      BEGIN
        IF p_metrics IS NOT NULL THEN
          INSERT INTO agent_metrics (agent_id, task_id, name, value)
          SELECT m."agentId", m."taskId", m.name, m.value FROM jsonb_to_recordset(p_metrics) AS m("agentId" uuid, "taskId" uuid, name text, value float8);
        END IF;
        FOR change IN SELECT value FROM jsonb_array_elements(coalesce(p_changes, '[]'::jsonb)) LOOP
          line := NULLIF(change->'log', 'null'::jsonb);
          event_data := NULLIF(change->'data', 'null'::jsonb);
          IF line IS NOT NULL THEN
            INSERT INTO agent_logs (agent_id, task_id, level, message, metadata, actor, correlation_id)
            VALUES ((line->>'agentId')::uuid, (line->>'taskId')::uuid, line->>'level', line->>'message', NULLIF(line->'metadata', 'null'::jsonb), p_actor, p_correlation_id)
            RETURNING agent_logs.id, agent_logs.timestamp INTO line_id, line_time;
            event_data := coalesce(event_data, '{}'::jsonb) || jsonb_build_object('log', line || jsonb_build_object(
              'actor', p_actor, 'correlationId', p_correlation_id, 'id', line_id::text,
              'timestamp', to_char(line_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')));
          END IF;
          event_id := nextval('event_outbox_id_seq');
          first_event_id := coalesce(first_event_id, event_id);
          RETURN QUERY
            INSERT INTO event_outbox (id, kind, agent_id, task_id, workflow_run_id, status, previous_status, data, actor, correlation_id, tx)
            VALUES (event_id, change->>'kind', (change->>'agentId')::uuid, (change->>'taskId')::uuid, (change->>'workflowRunId')::uuid,
                    change->>'status', change->>'previousStatus', event_data, p_actor, p_correlation_id, first_event_id)
            RETURNING event_outbox.id, event_outbox.at::text;
        END LOOP;
      END
      $$`);
    }
    async down(queryRunner) {
        await queryRunner.query(_1764000500000_change_writer_1.WRITE_CHANGES_FIRST_VERSION.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION'));
    }
}
exports.ChangeGroups1764000700000 = ChangeGroups1764000700000;
//# sourceMappingURL=1764000700000-change-groups.js.map