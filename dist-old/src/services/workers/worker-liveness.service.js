"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.WorkerLivenessService = void 0;
const node_os_1 = require("node:os");
const task_jobs_1 = require("../tasks/task-jobs");
const task_events_1 = require("../tasks/task-events");
const task_row_1 = require("../tasks/task-row");
/** Crash takeovers a task may have beyond its maxAttempts before it is failed as poison, so a task that kills workers cannot loop forever. */
const EXTRA_TAKEOVERS = 3;
/**
 * Worker heartbeats in PostgreSQL, and the takeover of a dead worker's tasks: its running
 * tasks go back to the queue as new attempts, and its graphile-worker job locks (which
 * graphile-worker alone keeps for 4 hours) are released with forceUnlockWorkers.
 */
class WorkerLivenessService {
    dataSource;
    changes;
    hooks;
    constructor(dataSource, changes, hooks) {
        this.dataSource = dataSource;
        this.changes = changes;
        this.hooks = hooks;
    }
    async beat(workerId, graphileWorkerIds) {
        await this.dataSource.query(`INSERT INTO worker_heartbeats (worker_id, hostname, pid, graphile_worker_ids) VALUES ($1, $2, $3, $4)
       ON CONFLICT (worker_id) DO UPDATE SET heartbeat_at = now(), graphile_worker_ids = EXCLUDED.graphile_worker_ids, stopped_at = NULL`, [workerId, (0, node_os_1.hostname)(), process.pid, graphileWorkerIds]);
    }
    async stopped(workerId) {
        await this.dataSource.query('UPDATE worker_heartbeats SET stopped_at = now() WHERE worker_id = $1', [workerId]);
    }
    /**
     * Finds workers silent for longer than `staleMs`, re-queues their RUNNING tasks and marks
     * them stopped, all in one transaction; returns them so the caller can unlock their jobs.
     * Concurrent sweeps in several workers take each dead worker once (SKIP LOCKED). The
     * sweeping worker (`selfId`) is alive by definition: after a PostgreSQL outage longer than
     * `staleMs` its own heartbeat looks stale until its next beat, yet its tasks still run.
     */
    async takeOverDead(actor, staleMs, selfId) {
        return this.changes.run(actor, async (tx) => {
            const dead = await tx.manager.query(`SELECT worker_id, graphile_worker_ids FROM worker_heartbeats
         WHERE stopped_at IS NULL AND heartbeat_at < now() - ($1::int * interval '1 millisecond') AND worker_id <> $2
         FOR UPDATE SKIP LOCKED`, [staleMs, selfId]);
            if (dead.length === 0)
                return [];
            const ids = dead.map((row) => row.worker_id);
            const orphans = await tx.manager.query(`SELECT ${task_row_1.TASK_COLUMNS} FROM agent_tasks t WHERE t.status = 'RUNNING' AND t.worker_id = ANY($1::text[]) ORDER BY t.created_at FOR UPDATE`, [ids]);
            for (const row of orphans) {
                const task = (0, task_row_1.taskFromRow)(row);
                if (task.attempts >= task.maxAttempts + EXTRA_TAKEOVERS) {
                    const failed = await (0, task_events_1.updateTask)(tx, task.id, `status = 'FAILED', error = $2, completed_at = now(), worker_id = NULL`, ['its worker died during every attempt']);
                    await (0, task_events_1.recordTaskChange)(tx, this.hooks, failed, 'RUNNING', { level: 'ERROR', message: `task ${task.type} failed: its worker died during every attempt` });
                    continue;
                }
                const requeued = await (0, task_events_1.updateTask)(tx, task.id, `status = 'QUEUED', error = $2, worker_id = NULL, started_at = NULL`, ['its worker died; taken over as a new attempt']);
                await (0, task_jobs_1.addTaskJob)(tx.manager, task.id, null, task.priority);
                await (0, task_events_1.recordTaskChange)(tx, this.hooks, requeued, 'RUNNING', { level: 'WARN', message: `task ${task.type} taken over: its worker stopped answering` });
            }
            await tx.manager.query('UPDATE worker_heartbeats SET stopped_at = now() WHERE worker_id = ANY($1::text[])', [ids]);
            return dead.map((row) => ({ workerId: row.worker_id, graphileWorkerIds: row.graphile_worker_ids }));
        });
    }
}
exports.WorkerLivenessService = WorkerLivenessService;
//# sourceMappingURL=worker-liveness.service.js.map