"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ChangeWriter1764000500000 = exports.WRITE_CHANGES_FIRST_VERSION = void 0;
/** The function as this migration creates it (migration 8 replaces it and, going down, restores it). */
exports.WRITE_CHANGES_FIRST_VERSION = `
      CREATE FUNCTION velocity_write_changes(p_changes jsonb, p_metrics jsonb, p_actor text, p_correlation_id text)
      RETURNS TABLE (outbox_id bigint, written_at text) LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        change jsonb;
        line jsonb;
        event_data jsonb;
        line_id bigint;
        line_time timestamptz;
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
          RETURN QUERY
            INSERT INTO event_outbox (kind, agent_id, task_id, workflow_run_id, status, previous_status, data, actor, correlation_id)
            VALUES (change->>'kind', (change->>'agentId')::uuid, (change->>'taskId')::uuid, (change->>'workflowRunId')::uuid,
                    change->>'status', change->>'previousStatus', event_data, p_actor, p_correlation_id)
            RETURNING event_outbox.id, event_outbox.at::text;
        END LOOP;
      END
      $$`;
/**
 * `velocity_write_changes(changes, metrics, actor, correlation_id)`: writes a transaction's
 * audit lines, outbox events and metric samples from two JSON arrays, in the commit message.
 *
 * Before it, the commit message carried one statement per event (a CTE inserting the audit
 * line, then the event) and one per batch of metrics, every value a literal: PostgreSQL
 * parsed and planned each of them for every change, about a third of its CPU under load
 * (profiled with perf). PL/pgSQL plans its statements once per connection, so a change now
 * costs one small call to parse and plan.
 *
 * `changes`: `[{kind, agentId, taskId, workflowRunId, status, previousStatus, data, log}]`,
 * `log` null or `{agentId, taskId, level, message, metadata}`. The stored audit line goes into
 * the event's data as `log`, with the actor, its id and its time, as live tails read it.
 * Returns one row per change, in order: its outbox id and the time it carries.
 */
class ChangeWriter1764000500000 {
    name = 'ChangeWriter1764000500000';
    async up(queryRunner) {
        await queryRunner.query(exports.WRITE_CHANGES_FIRST_VERSION);
    }
    async down(queryRunner) {
        await queryRunner.query('DROP FUNCTION velocity_write_changes(jsonb, jsonb, text, text)');
    }
}
exports.ChangeWriter1764000500000 = ChangeWriter1764000500000;
//# sourceMappingURL=1764000500000-change-writer.js.map