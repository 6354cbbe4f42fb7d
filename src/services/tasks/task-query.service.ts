import type { DataSource } from 'typeorm';
import { checkUuid, isUuid } from '../common/ids';
import { newestFirstAfter, newestFirstOrder } from '../common/keyset';
import { checkFirst, timeCursor, type Page } from '../common/pagination';
import { TASK_COLUMNS, taskFromRow, type TaskRow, type TaskView } from './task-row';

export interface TaskFilter {
  agentId?: string | null;
  status?: string | null;
  type?: string | null;
  workflowRunId?: string | null;
}

export interface AgentTasksRequest {
  agentId: string;
  status: string | null;
  first: number;
  after: string | null;
}

/** Reading tasks: newest first, keyset pagination, batched per agent for the field loaders. */
export class TaskQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async getMany(ids: readonly string[]): Promise<(TaskView | null)[]> {
    const valid = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
    const rows: TaskRow[] = valid.length === 0 ? [] : await this.dataSource.query(`SELECT ${TASK_COLUMNS} FROM agent_tasks t WHERE t.id = ANY($1::uuid[])`, [valid]);
    const byId = new Map(rows.map((row) => [row.id, taskFromRow(row)]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  }

  async list(filter: TaskFilter, first: number, after: string | null | undefined): Promise<Page<TaskView>> {
    checkFirst(first);
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.agentId) add('t.agent_id = ?', checkUuid(filter.agentId, 'filter.agentId'));
    if (filter.status) add('t.status = ?', filter.status);
    if (filter.type) add('t.type = ?', filter.type);
    if (filter.workflowRunId) add('t.workflow_run_id = ?', checkUuid(filter.workflowRunId, 'filter.workflowRunId'));
    const base = where.length > 0 ? where.join(' AND ') : 'TRUE';
    const counted: { count: string }[] = await this.dataSource.query(`SELECT count(*) AS count FROM agent_tasks t WHERE ${base}`, params);
    const keyset = newestFirstAfter(after, 't', params.length);
    const pageParams = [...params, ...keyset.params, first + 1];
    const rows: TaskRow[] = await this.dataSource.query(
      `SELECT ${TASK_COLUMNS} FROM agent_tasks t WHERE ${base} AND ${keyset.sql}
       ORDER BY ${newestFirstOrder('t')} LIMIT $${pageParams.length}`,
      pageParams,
    );
    const items = rows.slice(0, first).map(taskFromRow);
    return { items, cursors: items.map((task) => timeCursor(task.createdAt, task.id)), hasNextPage: rows.length > first, totalCount: Number(counted[0]!.count) };
  }

  /**
   * One page per agent for many agents sharing the same arguments, in two statements
   * whatever the number of agents (a window function ranks each agent's tasks).
   */
  async pagesForAgents(agentIds: readonly string[], status: string | null, first: number, after: string | null): Promise<Page<TaskView>[]> {
    checkFirst(first);
    const ids = agentIds.map((id) => id.toLowerCase());
    const statusSql = status === null ? 'TRUE' : 't.status = $2';
    const baseParams: unknown[] = status === null ? [ids] : [ids, status];
    const keyset = newestFirstAfter(after, 't', baseParams.length);
    const params = [...baseParams, ...keyset.params, first + 1];
    // Without a cursor the window count is each agent's total: one statement for the whole batch.
    const rows: (TaskRow & { rank: string; total: string })[] = await this.dataSource.query(
      `SELECT * FROM (
         SELECT ${TASK_COLUMNS}, row_number() OVER (PARTITION BY t.agent_id ORDER BY ${newestFirstOrder('t')}) AS rank,
                count(*) OVER (PARTITION BY t.agent_id) AS total
         FROM agent_tasks t WHERE t.agent_id = ANY($1::uuid[]) AND ${statusSql} AND ${keyset.sql}
       ) ranked WHERE rank <= $${params.length} ORDER BY agent_id, rank`,
      params,
    );
    const counts: { agent_id: string; count: string }[] =
      after === null
        ? [...new Map(rows.map((row) => [row.agent_id, { agent_id: row.agent_id, count: row.total }])).values()]
        : await this.dataSource.query(
            `SELECT t.agent_id, count(*) AS count FROM agent_tasks t WHERE t.agent_id = ANY($1::uuid[]) AND ${statusSql} GROUP BY t.agent_id`,
            baseParams,
          );
    const countByAgent = new Map(counts.map((row) => [row.agent_id, Number(row.count)]));
    const rowsByAgent = new Map<string, TaskView[]>();
    for (const row of rows) {
      const list = rowsByAgent.get(row.agent_id) ?? [];
      list.push(taskFromRow(row));
      rowsByAgent.set(row.agent_id, list);
    }
    return ids.map((agentId) => {
      const all = rowsByAgent.get(agentId) ?? [];
      const items = all.slice(0, first);
      return { items, cursors: items.map((task) => timeCursor(task.createdAt, task.id)), hasNextPage: all.length > first, totalCount: countByAgent.get(agentId) ?? 0 };
    });
  }
}
