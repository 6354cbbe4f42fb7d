"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.WorkflowRunQueryService = void 0;
const ids_1 = require("../common/ids");
const keyset_1 = require("../common/keyset");
const pagination_1 = require("../common/pagination");
const workflow_rows_1 = require("./workflow-rows");
/** Reading runs and their steps, batched for the per-request loaders. */
class WorkflowRunQueryService {
    dataSource;
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    async getMany(ids) {
        const valid = [...new Set(ids.filter(ids_1.isUuid).map((id) => id.toLowerCase()))];
        const rows = valid.length === 0 ? [] : await this.dataSource.query(`SELECT ${workflow_rows_1.RUN_COLUMNS} FROM workflow_runs r WHERE r.id = ANY($1::uuid[])`, [valid]);
        const byId = new Map(rows.map((row) => [row['id'], (0, workflow_rows_1.runFromRow)(row)]));
        return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
    }
    /** Each run's steps in topological order, one statement for all runs. */
    async stepsForRuns(runIds) {
        const valid = [...new Set(runIds.filter(ids_1.isUuid).map((id) => id.toLowerCase()))];
        const rows = valid.length === 0 ? [] : await this.dataSource.query(`SELECT ${workflow_rows_1.STEP_COLUMNS} FROM workflow_step_runs s WHERE s.run_id = ANY($1::uuid[]) ORDER BY s.run_id, s.position`, [valid]);
        const byRun = new Map();
        for (const row of rows) {
            const step = (0, workflow_rows_1.stepFromRow)(row);
            byRun.set(step.runId, [...(byRun.get(step.runId) ?? []), step]);
        }
        return runIds.map((id) => byRun.get(id.toLowerCase()) ?? []);
    }
    /**
     * One newest-first page of runs per workflow for many workflows sharing the same arguments,
     * in two statements whatever the number of workflows.
     */
    async pagesForWorkflows(workflowIds, first, after) {
        (0, pagination_1.checkFirst)(first);
        const ids = workflowIds.map((id) => id.toLowerCase());
        const counts = await this.dataSource.query('SELECT r.workflow_id, count(*) AS count FROM workflow_runs r WHERE r.workflow_id = ANY($1::uuid[]) GROUP BY r.workflow_id', [ids]);
        const keyset = (0, keyset_1.newestFirstAfter)(after, 'r', 1);
        const params = [ids, ...keyset.params, first + 1];
        const rows = await this.dataSource.query(`SELECT * FROM (
         SELECT ${workflow_rows_1.RUN_COLUMNS}, row_number() OVER (PARTITION BY r.workflow_id ORDER BY ${(0, keyset_1.newestFirstOrder)('r')}) AS rank
         FROM workflow_runs r WHERE r.workflow_id = ANY($1::uuid[]) AND ${keyset.sql}
       ) ranked WHERE rank <= $${params.length} ORDER BY workflow_id, rank`, params);
        const countByWorkflow = new Map(counts.map((row) => [row.workflow_id, Number(row.count)]));
        const byWorkflow = new Map();
        for (const row of rows) {
            const run = (0, workflow_rows_1.runFromRow)(row);
            byWorkflow.set(run.workflowId, [...(byWorkflow.get(run.workflowId) ?? []), run]);
        }
        return ids.map((workflowId) => {
            const all = byWorkflow.get(workflowId) ?? [];
            const items = all.slice(0, first);
            return { items, cursors: items.map((run) => (0, pagination_1.timeCursor)(run.createdAt, run.id)), hasNextPage: all.length > first, totalCount: countByWorkflow.get(workflowId) ?? 0 };
        });
    }
}
exports.WorkflowRunQueryService = WorkflowRunQueryService;
//# sourceMappingURL=workflow-run-query.service.js.map