"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ClaimGuard1764000300000 = void 0;
/**
 * `velocity_claim_guard(agent)`: the last check of a task claim, run in the claim's commit
 * message. It takes the agent row lock (which serialises the claims of one agent), then, in
 * a fresh snapshot, checks that the agent still runs and that its RUNNING tasks (the one
 * being claimed included) do not exceed maxConcurrency, and stamps last_active_at. It raises
 * SQLSTATE VL001 otherwise: the claim rolls back and is redone under the lock from its start.
 * Taking the lock here rather than first keeps it held for the server's commit only.
 */
class ClaimGuard1764000300000 {
    name = 'ClaimGuard1764000300000';
    async up(queryRunner) {
        await queryRunner.query(`
      CREATE FUNCTION velocity_claim_guard(p_agent uuid) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        agent record;
        running integer;
      BEGIN
        SELECT status, max_concurrency, deleted_at INTO agent FROM agent_instances WHERE id = p_agent FOR NO KEY UPDATE;
        IF NOT FOUND OR agent.deleted_at IS NOT NULL OR agent.status <> 'RUNNING' THEN
          RAISE EXCEPTION 'agent % is not running', p_agent USING ERRCODE = 'VL001';
        END IF;
        SELECT count(*) INTO running FROM agent_tasks WHERE agent_id = p_agent AND status = 'RUNNING';
        IF running > agent.max_concurrency THEN
          RAISE EXCEPTION 'agent % is at its maxConcurrency', p_agent USING ERRCODE = 'VL001';
        END IF;
        UPDATE agent_instances SET last_active_at = now() WHERE id = p_agent;
      END
      $$`);
    }
    async down(queryRunner) {
        await queryRunner.query('DROP FUNCTION velocity_claim_guard(uuid)');
    }
}
exports.ClaimGuard1764000300000 = ClaimGuard1764000300000;
//# sourceMappingURL=1764000300000-claim-guard.js.map