import { hostname } from 'node:os';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/actor';
import type { ChangeRunner } from '../events/change-runner';
import { addTaskJob } from '../tasks/task-jobs';
import { recordTaskChange, updateTask, type TaskHooks } from '../tasks/task-events';
import { TASK_COLUMNS, taskFromRow, type TaskRow } from '../tasks/task-row';

/** Crash takeovers a task may have beyond its maxAttempts before it is failed as poison, so a task that kills workers cannot loop forever. */
const EXTRA_TAKEOVERS = 3;

export interface DeadWorker {
  workerId: string;
  graphileWorkerIds: string[];
}

/**
 * Worker heartbeats in PostgreSQL, and the takeover of a dead worker's tasks: its running
 * tasks go back to the queue as new attempts, and its graphile-worker job locks (which
 * graphile-worker alone keeps for 4 hours) are released with forceUnlockWorkers.
 */
export class WorkerLivenessService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: ChangeRunner,
    private readonly hooks: TaskHooks,
  ) {}

  async beat(workerId: string, graphileWorkerIds: readonly string[]): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO worker_heartbeats (worker_id, hostname, pid, graphile_worker_ids) VALUES ($1, $2, $3, $4)
       ON CONFLICT (worker_id) DO UPDATE SET heartbeat_at = now(), graphile_worker_ids = EXCLUDED.graphile_worker_ids, stopped_at = NULL`,
      [workerId, hostname(), process.pid, graphileWorkerIds],
    );
  }

  async stopped(workerId: string): Promise<void> {
    await this.dataSource.query('UPDATE worker_heartbeats SET stopped_at = now() WHERE worker_id = $1', [workerId]);
  }

  /**
   * Finds workers silent for longer than `staleMs`, re-queues their RUNNING tasks and marks
   * them stopped, all in one transaction; returns them so the caller can unlock their jobs.
   * Concurrent sweeps in several workers take each dead worker once (SKIP LOCKED). The
   * sweeping worker (`selfId`) is alive by definition: after a PostgreSQL outage longer than
   * `staleMs` its own heartbeat looks stale until its next beat, yet its tasks still run.
   */
  async takeOverDead(actor: Actor, staleMs: number, selfId: string): Promise<DeadWorker[]> {
    return this.changes.run(actor, async (tx) => {
      const dead: { worker_id: string; graphile_worker_ids: string[] }[] = await tx.manager.query(
        `SELECT worker_id, graphile_worker_ids FROM worker_heartbeats
         WHERE stopped_at IS NULL AND heartbeat_at < now() - ($1::int * interval '1 millisecond') AND worker_id <> $2
         FOR UPDATE SKIP LOCKED`,
        [staleMs, selfId],
      );
      if (dead.length === 0) return [];
      const ids = dead.map((row) => row.worker_id);
      const orphans: TaskRow[] = await tx.manager.query(
        `SELECT ${TASK_COLUMNS} FROM agent_tasks t WHERE t.status = 'RUNNING' AND t.worker_id = ANY($1::text[]) ORDER BY t.created_at FOR UPDATE`,
        [ids],
      );
      for (const row of orphans) {
        const task = taskFromRow(row);
        if (task.attempts >= task.maxAttempts + EXTRA_TAKEOVERS) {
          const failed = await updateTask(tx, task.id, `status = 'FAILED', error = $2, completed_at = now(), worker_id = NULL`, ['its worker died during every attempt']);
          await recordTaskChange(tx, this.hooks, failed, 'RUNNING', { level: 'ERROR', message: `task ${task.type} failed: its worker died during every attempt` });
          continue;
        }
        const requeued = await updateTask(tx, task.id, `status = 'QUEUED', error = $2, worker_id = NULL, started_at = NULL`, ['its worker died; taken over as a new attempt']);
        await addTaskJob(tx.manager, task.id, null, task.priority);
        await recordTaskChange(tx, this.hooks, requeued, 'RUNNING', { level: 'WARN', message: `task ${task.type} taken over: its worker stopped answering` });
      }
      await tx.manager.query('UPDATE worker_heartbeats SET stopped_at = now() WHERE worker_id = ANY($1::text[])', [ids]);
      return dead.map((row) => ({ workerId: row.worker_id, graphileWorkerIds: row.graphile_worker_ids }));
    });
  }
}
