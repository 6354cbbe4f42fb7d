import type { DataSource } from 'typeorm';
import { isUuid } from '../common/ids';
import { newestFirstAfter, newestFirstOrder } from '../common/keyset';
import { checkFirst, timeCursor, type Page } from '../common/pagination';
import { RUN_COLUMNS, runFromRow, STEP_COLUMNS, stepFromRow, type StepRunRecord, type WorkflowRunRecord } from './workflow-rows';

type Row = Record<string, unknown>;

/** Reading runs and their steps, batched for the per-request loaders. */
export class WorkflowRunQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async getMany(ids: readonly string[]): Promise<(WorkflowRunRecord | null)[]> {
    const valid = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
    const rows: Row[] = valid.length === 0 ? [] : await this.dataSource.query(`SELECT ${RUN_COLUMNS} FROM workflow_runs r WHERE r.id = ANY($1::uuid[])`, [valid]);
    const byId = new Map(rows.map((row) => [row['id'] as string, runFromRow(row)]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  }

  /** Each run's steps in topological order, one statement for all runs. */
  async stepsForRuns(runIds: readonly string[]): Promise<StepRunRecord[][]> {
    const valid = [...new Set(runIds.filter(isUuid).map((id) => id.toLowerCase()))];
    const rows: Row[] =
      valid.length === 0 ? [] : await this.dataSource.query(`SELECT ${STEP_COLUMNS} FROM workflow_step_runs s WHERE s.run_id = ANY($1::uuid[]) ORDER BY s.run_id, s.position`, [valid]);
    const byRun = new Map<string, StepRunRecord[]>();
    for (const row of rows) {
      const step = stepFromRow(row);
      byRun.set(step.runId, [...(byRun.get(step.runId) ?? []), step]);
    }
    return runIds.map((id) => byRun.get(id.toLowerCase()) ?? []);
  }

  /**
   * One newest-first page of runs per workflow for many workflows sharing the same arguments,
   * in two statements whatever the number of workflows.
   */
  async pagesForWorkflows(workflowIds: readonly string[], first: number, after: string | null): Promise<Page<WorkflowRunRecord>[]> {
    checkFirst(first);
    const ids = workflowIds.map((id) => id.toLowerCase());
    const counts: { workflow_id: string; count: string }[] = await this.dataSource.query(
      'SELECT r.workflow_id, count(*) AS count FROM workflow_runs r WHERE r.workflow_id = ANY($1::uuid[]) GROUP BY r.workflow_id',
      [ids],
    );
    const keyset = newestFirstAfter(after, 'r', 1);
    const params = [ids, ...keyset.params, first + 1];
    const rows: Row[] = await this.dataSource.query(
      `SELECT * FROM (
         SELECT ${RUN_COLUMNS}, row_number() OVER (PARTITION BY r.workflow_id ORDER BY ${newestFirstOrder('r')}) AS rank
         FROM workflow_runs r WHERE r.workflow_id = ANY($1::uuid[]) AND ${keyset.sql}
       ) ranked WHERE rank <= $${params.length} ORDER BY workflow_id, rank`,
      params,
    );
    const countByWorkflow = new Map(counts.map((row) => [row.workflow_id, Number(row.count)]));
    const byWorkflow = new Map<string, WorkflowRunRecord[]>();
    for (const row of rows) {
      const run = runFromRow(row);
      byWorkflow.set(run.workflowId, [...(byWorkflow.get(run.workflowId) ?? []), run]);
    }
    return ids.map((workflowId) => {
      const all = byWorkflow.get(workflowId) ?? [];
      const items = all.slice(0, first);
      return { items, cursors: items.map((run) => timeCursor(run.createdAt, run.id)), hasNextPage: all.length > first, totalCount: countByWorkflow.get(workflowId) ?? 0 };
    });
  }
}
