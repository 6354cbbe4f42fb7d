import type { ChangeTransaction } from '../events/change-transaction';
import { sqlLiteral } from '../../db/sql-literal';
import { METRIC } from '../metrics/metric-names';
import { lockTask, recordTaskChange, TASK_MESSAGE, taskMessage, updateTask, type TaskHooks } from './task-events';
import { returningRows } from '../../db/returning-rows';
import type { FastClaimRow } from './task-fast-paths';
import { TASK_COLUMNS, taskFromRow, type TaskRow, type TaskView } from './task-row';

export interface ClaimedAgent {
  id: string;
  name: string;
  type: string;
  status: string;
  max_concurrency: number;
  config: Record<string, unknown>;
  deleted_at: Date | null;
}

/** What a claim decided: run the task (it is RUNNING under this worker now), or leave it. */
export type Claim = { kind: 'run'; task: TaskView; agent: ClaimedAgent } | { kind: 'skip' };

/** SQLSTATE raised by velocity_claim_guard: the optimistic claim must be redone under the agent lock. */
export const CLAIM_NEEDS_LOCK = 'VL001';

/** How long a claim's guard waits for its agent's row, in ms (50). */
const GUARD_LOCK_TIMEOUT_MS = 50;

/** The claimed task's agent, as the claim statements return it beside the task. */
export interface ClaimedAgentColumns {
  a_name: string;
  a_type: string;
  a_status: string;
  a_max_concurrency: number;
  a_config: Record<string, unknown>;
  a_deleted_at: Date | null;
}

function claimedAgent(row: TaskRow & ClaimedAgentColumns): ClaimedAgent {
  return { id: row.agent_id, name: row.a_name, type: row.a_type, status: row.a_status, max_concurrency: row.a_max_concurrency, config: row.a_config, deleted_at: row.a_deleted_at };
}

/** A row of `optimisticClaimSql`. */
export type OptimisticClaimRow = TaskRow & ClaimedAgentColumns & { queue_wait_ms: number };

const STARTED_SET = `status = 'RUNNING', attempts = attempts + 1, started_at = now(), completed_at = NULL, blocked_at = NULL`;
/** How long a just-claimed task waited in the queue, in ms: for the queue-wait metric. */
const QUEUE_WAIT_MS = `(extract(epoch FROM (t.started_at - t.queued_at)) * 1000)::float8 AS queue_wait_ms`;

/**
 * Claims tasks for one worker. The common case (a QUEUED task of a RUNNING agent with a free
 * slot) goes through `claimOptimistically`, which leaves the agent row lock to the commit
 * message; everything else through `claimLocked`, which holds that lock from the start.
 */
export class TaskClaimer {
  constructor(
    private readonly hooks: TaskHooks,
    private readonly workerId: string,
    /** Whether this worker is running the task right now. */
    private readonly runsHere: (taskId: string) => boolean,
  ) {}

  /**
   * The claim without the agent lock until commit, where velocity_claim_guard checks the
   * agent's state and maxConcurrency under it (raising CLAIM_NEEDS_LOCK if the claim cannot
   * stand). `optimisticClaimSql` is its first statement (sent with the BEGIN); `claimFromRows`
   * the rest, which answers null when the statement claimed nothing (not the common case): the
   * caller then runs `claimLocked`.
   */
  optimisticClaimSql(taskId: string): string {
    // UPDATE … FROM does not lock the agent row: two claims of one agent go on side by side.
    return `UPDATE agent_tasks t SET ${STARTED_SET}, worker_id = ${sqlLiteral(this.workerId)}, updated_at = now()
      FROM agent_instances a
      WHERE t.id = ${sqlLiteral(taskId)}::uuid AND t.status = 'QUEUED' AND a.id = t.agent_id AND a.status = 'RUNNING' AND a.deleted_at IS NULL
      RETURNING ${TASK_COLUMNS}, ${QUEUE_WAIT_MS},
        a.name AS a_name, a.type AS a_type, a.status AS a_status, a.max_concurrency AS a_max_concurrency, a.config AS a_config, a.deleted_at AS a_deleted_at`;
  }

  async claimFromRows(tx: ChangeTransaction, rows: readonly OptimisticClaimRow[]): Promise<Claim | null> {
    const row = rows[0];
    if (row === undefined) return null;
    const agent = claimedAgent(row);
    const started = taskFromRow(row);
    await this.recordStart(tx, started, agent, 'QUEUED', row.queue_wait_ms);
    // The claim holds its task's row and now waits for the agent's: a stop or delete holding the
    // agent's row and waiting for this task would deadlock with it (found only after PostgreSQL's
    // 1 s deadlock_timeout). Waiting briefly and then redoing the claim under the lock keeps both
    // moving; claims queue on the agent row for a millisecond or two at most.
    tx.atCommit(`SET LOCAL lock_timeout = '${GUARD_LOCK_TIMEOUT_MS}ms'`);
    tx.atCommit(`SELECT velocity_claim_guard(${sqlLiteral(agent.id)}::uuid)`);
    return { kind: 'run', task: started, agent };
  }

  /** The claim `fastClaimSql` made and recorded whole. */
  claimedFast(row: FastClaimRow): Claim {
    return { kind: 'run', task: taskFromRow(row), agent: claimedAgent(row) };
  }

  /** The claim holding the agent row lock from its first statement: every case, the rare ones included. */
  async claimLocked(tx: ChangeTransaction, taskId: string): Promise<Claim> {
    // The agent row serialises the claims of one agent (the concurrency count must not race).
    // NO KEY UPDATE: task inserts (their foreign-key check) and routing (KEY SHARE) go on meanwhile.
    const agents: ClaimedAgent[] = await tx.manager.query(
      `SELECT id, name, type, status, max_concurrency, config, deleted_at FROM agent_instances
       WHERE id = (SELECT agent_id FROM agent_tasks WHERE id = $1) FOR NO KEY UPDATE`,
      [taskId],
    );
    const agent = agents[0];
    if (agent === undefined) return { kind: 'skip' };
    const task = await lockTask(tx, taskId);
    if (task === null || (task.status !== 'QUEUED' && !(await this.lostHere(tx, task)))) return { kind: 'skip' };
    if (agent.deleted_at !== null || agent.status !== 'RUNNING') {
      const cancelled = await updateTask(tx, task.id, `status = 'CANCELLED', error = $2, completed_at = now(), blocked_at = NULL`, [`agent is ${agent.deleted_at !== null ? 'deleted' : agent.status}`]);
      await recordTaskChange(tx, this.hooks, cancelled, task.status, { level: 'WARN', message: `task ${task.type} cancelled: agent "${agent.name}" is not running` });
      return { kind: 'skip' };
    }
    const running: { count: string }[] = await tx.manager.query(`SELECT count(*) AS count FROM agent_tasks WHERE agent_id = $1 AND status = 'RUNNING'`, [agent.id]);
    // A task lost here (still RUNNING) holds its own slot: it is not one more.
    if (Number(running[0]!.count) - (task.status === 'RUNNING' ? 1 : 0) >= agent.max_concurrency) {
      // It waits without a job; the next task of this agent to finish wakes it.
      await tx.manager.query('UPDATE agent_tasks SET blocked_at = now(), updated_at = now() WHERE id = $1', [task.id]);
      // A workflow's task: a cancelWorkflowRun meanwhile skipped it because this claim held its
      // row (SKIP LOCKED), leaving it to the hook. The hook runs now, after that cancel (it waits
      // for the run's row), and cancels it; else the task would wait for a free slot and start
      // in a cancelled run before the hook saw it.
      if (task.workflowRunId !== null) await this.hooks.run(tx, task, task.status);
      return { kind: 'skip' };
    }
    const updated = returningRows<TaskRow & { queue_wait_ms: number }>(
      await tx.manager.query(
        `UPDATE agent_tasks t SET ${STARTED_SET}, worker_id = $2, updated_at = now() WHERE t.id = $1
         RETURNING ${TASK_COLUMNS}, ${QUEUE_WAIT_MS}`,
        [task.id, this.workerId],
      ),
    )[0]!;
    await tx.manager.query('UPDATE agent_instances SET last_active_at = now() WHERE id = $1', [agent.id]);
    const started = taskFromRow(updated);
    await this.recordStart(tx, started, agent, task.status, updated.queue_wait_ms);
    return { kind: 'run', task: started, agent };
  }

  private async recordStart(tx: ChangeTransaction, started: TaskView, agent: ClaimedAgent, previousStatus: string, queueWaitMs: number): Promise<void> {
    if (started.attempts === 1) tx.recordMetrics([{ agentId: agent.id, taskId: started.id, name: METRIC.taskQueueWaitMs, value: Math.max(0, queueWaitMs) }]);
    await recordTaskChange(tx, this.hooks, started, previousStatus, { level: 'INFO', message: taskMessage(TASK_MESSAGE.started, started.type, started.attempts, started.maxAttempts) });
  }

  /**
   * A task RUNNING under this worker that this worker no longer runs: its outcome could not
   * be recorded (PostgreSQL away past PATIENCE_MS) and its job is being retried. It
   * runs again as a new attempt, as after a takeover; nothing else would ever finish it.
   */
  private async lostHere(tx: ChangeTransaction, task: TaskView): Promise<boolean> {
    if (task.status !== 'RUNNING' || this.runsHere(task.id)) return false;
    const rows: { worker_id: string | null }[] = await tx.manager.query('SELECT worker_id FROM agent_tasks WHERE id = $1', [task.id]);
    return rows[0]?.worker_id === this.workerId;
  }
}
