import type { DataSource } from 'typeorm';
import type { Actor } from '../common/actor';
import { checkUuid, isUuid } from '../common/ids';
import { newestFirstAfter, newestFirstOrder } from '../common/keyset';
import { checkFirst, timeCursor, type Page } from '../common/pagination';
import { badInput, DomainError } from '../errors/domain-error';
import type { ChangeRunner } from '../events/change-runner';
import { MAX_NAME_LENGTH, WORKFLOW_NAME_PATTERN, type WorkflowValidation } from './workflow-definition';
import { WORKFLOW_COLUMNS, workflowFromRow, type WorkflowRecord } from './workflow-rows';
import type { WorkflowValidator } from './workflow-validator';

/**
 * First key of the transaction-scoped advisory lock that serialises version numbering per
 * workflow name (the second key is hashtext(name)); the unique (name, version) index backs it.
 */
const VERSION_LOCK_NAMESPACE = 7_346_101;

/** Validating, storing (as numbered versions) and reading workflow definitions. */
export class WorkflowService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: ChangeRunner,
    private readonly validator: WorkflowValidator,
  ) {}

  validate(text: string): WorkflowValidation {
    return this.validator.validate(text);
  }

  /** Stores the definition as the next version of its name; an invalid one stores nothing. */
  async create(actor: Actor, text: string): Promise<WorkflowRecord> {
    const validation = this.validator.validate(text);
    if (!validation.valid || validation.definition === null) {
      const count = validation.problems.length;
      const first = validation.problems[0];
      throw new DomainError('INVALID_WORKFLOW', `the workflow definition has ${count} problem(s)${first === undefined ? '' : `; first: ${first.message}`}`, {
        extensions: { problems: validation.problems },
      });
    }
    const definition = validation.definition;
    return this.changes.run(actor, async (tx) => {
      await tx.manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [VERSION_LOCK_NAMESPACE, definition.name]);
      const rows: Record<string, unknown>[] = await tx.manager.query(
        `INSERT INTO agent_workflows AS w (name, version, definition, source, created_by)
         SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4 FROM agent_workflows WHERE name = $1
         RETURNING ${WORKFLOW_COLUMNS}`,
        [definition.name, JSON.stringify(definition), text, actor.name],
      );
      const workflow = workflowFromRow(rows[0]!);
      await tx.record(
        { kind: 'LOG', data: { action: 'workflow.created', workflow: { id: workflow.id, name: workflow.name, version: workflow.version } } },
        {
          level: 'INFO',
          message: `workflow "${workflow.name}" version ${workflow.version} created (${definition.steps.length} step(s))`,
          metadata: { workflowId: workflow.id, name: workflow.name, version: workflow.version },
        },
      );
      return workflow;
    });
  }

  async get(id: string): Promise<WorkflowRecord | null> {
    const [workflow] = await this.getMany([checkUuid(id, 'id')]);
    return workflow ?? null;
  }

  async getMany(ids: readonly string[]): Promise<(WorkflowRecord | null)[]> {
    const valid = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
    const rows: Record<string, unknown>[] = valid.length === 0 ? [] : await this.dataSource.query(`SELECT ${WORKFLOW_COLUMNS} FROM agent_workflows w WHERE w.id = ANY($1::uuid[])`, [valid]);
    const byId = new Map(rows.map((row) => [row['id'] as string, workflowFromRow(row)]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  }

  /** A version of a name: the given one, else the latest. Null when there is none. */
  async findByName(name: string, version: number | null): Promise<WorkflowRecord | null> {
    if (version !== null && (!Number.isInteger(version) || version < 1)) throw badInput('version must be a positive whole number', 'input.version');
    // No stored workflow has another name, and a NUL character would not even reach PostgreSQL.
    if (!WORKFLOW_NAME_PATTERN.test(name) || name.length > MAX_NAME_LENGTH) {
      throw badInput(`name must be 1 to ${MAX_NAME_LENGTH} letters, digits, "-", "_" or "."`, 'input.name');
    }
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${WORKFLOW_COLUMNS} FROM agent_workflows w WHERE w.name = $1 AND ($2::int IS NULL OR w.version = $2) ORDER BY w.version DESC LIMIT 1`,
      [name, version],
    );
    return rows.length === 0 ? null : workflowFromRow(rows[0]!);
  }

  /** Every version (of one name, when given), newest first. */
  async list(name: string | null, first: number, after: string | null | undefined): Promise<Page<WorkflowRecord>> {
    checkFirst(first);
    const params: unknown[] = [name];
    const base = '($1::text IS NULL OR w.name = $1)';
    const counted: { count: string }[] = await this.dataSource.query(`SELECT count(*) AS count FROM agent_workflows w WHERE ${base}`, params);
    const keyset = newestFirstAfter(after, 'w', params.length);
    const pageParams = [...params, ...keyset.params, first + 1];
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${WORKFLOW_COLUMNS} FROM agent_workflows w WHERE ${base} AND ${keyset.sql}
       ORDER BY ${newestFirstOrder('w')} LIMIT $${pageParams.length}`,
      pageParams,
    );
    const items = rows.slice(0, first).map(workflowFromRow);
    return { items, cursors: items.map((item) => timeCursor(item.createdAt, item.id)), hasNextPage: rows.length > first, totalCount: Number(counted[0]!.count) };
  }
}
