"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ServerMetrics = void 0;
const prom_client_1 = require("prom-client");
/** Prometheus metrics of one process, on a registry of its own (several servers may share a test process). */
class ServerMetrics {
    registry = new prom_client_1.Registry();
    httpDuration;
    /**
     * The exposition text. prom-client writes a NaN sample (the event-loop lag mean before the
     * first measurement) as `Nan`; the text format spells it `NaN`.
     */
    async text() {
        return (await this.registry.metrics()).replace(/ Nan$/gm, ' NaN');
    }
    constructor(dataSource) {
        (0, prom_client_1.collectDefaultMetrics)({ register: this.registry, prefix: 'velocity_process_' });
        this.httpDuration = new prom_client_1.Histogram({
            name: 'velocity_http_request_duration_seconds',
            help: 'HTTP request duration by route (graphql, healthz, readyz, metrics, graphiql) and status',
            labelNames: ['route', 'status'],
            buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
            registers: [this.registry],
        });
        // Task figures are read from PostgreSQL at scrape time, so every process reports the whole system.
        new prom_client_1.Gauge({
            name: 'velocity_tasks',
            help: 'Tasks by status (all time, from agent_tasks)',
            labelNames: ['status'],
            registers: [this.registry],
            async collect() {
                const rows = await dataSource.query('SELECT status, count(*) AS count FROM agent_tasks GROUP BY status');
                this.reset();
                for (const row of rows)
                    this.set({ status: row.status }, Number(row.count));
            },
        });
        new prom_client_1.Gauge({
            name: 'velocity_queue_depth',
            help: 'Tasks waiting to run now (QUEUED and due)',
            registers: [this.registry],
            async collect() {
                const rows = await dataSource.query(`SELECT count(*) AS count FROM agent_tasks WHERE status = 'QUEUED' AND (run_at IS NULL OR run_at <= now())`);
                this.set(Number(rows[0].count));
            },
        });
        new prom_client_1.Gauge({
            name: 'velocity_task_duration_ms_avg_5m',
            help: 'Average run time of task attempts finished in the last 5 minutes, in ms (all workers)',
            registers: [this.registry],
            async collect() {
                const rows = await dataSource.query(`SELECT avg(value)::float8 AS avg FROM agent_metrics WHERE name = 'task.duration_ms' AND recorded_at > now() - interval '5 minutes'`);
                this.set(rows[0].avg ?? 0);
            },
        });
        new prom_client_1.Gauge({
            name: 'velocity_tasks_finished_5m',
            help: 'Tasks that succeeded or failed in the last 5 minutes (all workers)',
            labelNames: ['outcome'],
            registers: [this.registry],
            async collect() {
                const rows = await dataSource.query(`SELECT name, count(*) AS count FROM agent_metrics WHERE name IN ('task.succeeded', 'task.failed') AND recorded_at > now() - interval '5 minutes' GROUP BY name`);
                this.reset();
                this.set({ outcome: 'succeeded' }, 0);
                this.set({ outcome: 'failed' }, 0);
                for (const row of rows)
                    this.set({ outcome: row.name === 'task.succeeded' ? 'succeeded' : 'failed' }, Number(row.count));
            },
        });
        new prom_client_1.Gauge({
            name: 'velocity_agents',
            help: 'Visible agents by status',
            labelNames: ['status'],
            registers: [this.registry],
            async collect() {
                const rows = await dataSource.query('SELECT status, count(*) AS count FROM agent_instances WHERE deleted_at IS NULL GROUP BY status');
                this.reset();
                for (const row of rows)
                    this.set({ status: row.status }, Number(row.count));
            },
        });
    }
}
exports.ServerMetrics = ServerMetrics;
//# sourceMappingURL=metrics.js.map