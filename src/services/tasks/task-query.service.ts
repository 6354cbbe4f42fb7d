import type { DataSource } from 'typeorm';
import { checkUuid, isUuid } from '../common/ids';
import { newestFirstAfter, newestFirstOrder } from '../common/keyset';
import { checkFirst, countsPerAgent, pagesPerAgent, timeCursor, type Page, type UncountedPage } from '../common/pagination';
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
   * One page per agent for many agents sharing the same arguments, in one statement whatever
   * the number of agents. Each agent's page is read along `ix_agent_tasks_agent_newest` (with a
   * status, `ix_agent_tasks_agent_status_newest`) and stops after `first + 1` rows, so a page
   * costs its own rows however long the agent's history (a window over every task of the page's
   * agents cost the whole history: 60 list requests a second after a 15,000-task run). The
   * totals are apart (countsForAgents): a count reads the whole history, and is made only for a
   * client that asks for it.
   */
  async pagesForAgents(agentIds: readonly string[], status: string | null, first: number, after: string | null): Promise<UncountedPage<TaskView>[]> {
    checkFirst(first);
    const ids = agentIds.map((id) => id.toLowerCase());
    // Each agent once: a second copy would read its page twice into the same list.
    const distinct = [...new Set(ids)];
    const statusSql = status === null ? 'TRUE' : 't.status = $2';
    const baseParams: unknown[] = status === null ? [distinct] : [distinct, status];
    const keyset = newestFirstAfter(after, 't', baseParams.length);
    const params = [...baseParams, ...keyset.params, first + 1];
    const rows: TaskRow[] = await this.dataSource.query(
      `SELECT page.* FROM unnest($1::uuid[]) WITH ORDINALITY AS a(agent_id, position)
       CROSS JOIN LATERAL (
         SELECT ${TASK_COLUMNS} FROM agent_tasks t
         WHERE t.agent_id = a.agent_id AND ${statusSql} AND ${keyset.sql}
         ORDER BY ${newestFirstOrder('t')} LIMIT $${params.length}
       ) page
       ORDER BY a.position, ${newestFirstOrder('page')}`,
      params,
    );
    return pagesPerAgent(ids, rows.map(taskFromRow), first, (task) => task.agentId, (task) => timeCursor(task.createdAt, task.id));
  }

  /** How many tasks each agent has (with `status`, in that status), in one statement. */
  async countsForAgents(agentIds: readonly string[], status: string | null): Promise<number[]> {
    const ids = agentIds.map((id) => id.toLowerCase());
    const counts: { agent_id: string; count: string }[] = await this.dataSource.query(
      `SELECT t.agent_id, count(*) AS count FROM agent_tasks t
       WHERE t.agent_id = ANY($1::uuid[]) AND ($2::text IS NULL OR t.status = $2) GROUP BY t.agent_id`,
      [ids, status],
    );
    return countsPerAgent(ids, counts);
  }
}
