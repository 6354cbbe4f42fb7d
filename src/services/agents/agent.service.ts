import { randomUUID } from 'node:crypto';
import { Brackets, type DataSource } from 'typeorm';
import type { AgentRegistry } from '../../agents/agent-registry';
import { sqlStateOf, UNIQUE_VIOLATION } from '../../db/sql-states';
import { AgentInstanceEntity } from '../../entities';
import type { Actor } from '../common/actor';
import { checkUuid, isUuid } from '../common/ids';
import { checkJsonInput } from '../common/json-input';
import { checkFirst, decodeTimeCursor, timeCursor, type Page, type PageArgs } from '../common/pagination';
import { badInput, conflict, DomainError } from '../errors/domain-error';
import type { ChangeRunner } from '../events/change-runner';
import type { LocalEventBus } from '../events/event-bus';
import type { SecretBox } from '../secrets/secret-box';
import { TASK_COLUMNS, taskFromRow, type TaskRow } from '../tasks/task-row';
import type { TaskService } from '../tasks/task.service';
import { sealConfig } from './agent-config';
import { lockLiveAgent } from './agent-lock';
import { agentSnapshot } from './agent-snapshot';
import { AgentReadCache } from './agent-read-cache';

export const AGENT_STATUSES = ['CREATED', 'STARTING', 'RUNNING', 'STOPPING', 'STOPPED', 'ERROR'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

export interface CreateAgentCommand {
  name: string;
  type: string;
  config: unknown;
  maxConcurrency?: number | null;
}

export interface UpdateAgentCommand {
  name?: string | null;
  config?: unknown;
  maxConcurrency?: number | null;
}

export interface AgentFilter {
  status?: AgentStatus | null;
  type?: string | null;
  nameContains?: string | null;
}

/** Longest agent name, in characters. */
const MAX_NAME_LENGTH = 100;
/** Bounds of Agent.maxConcurrency. */
const MAX_CONCURRENCY_LIMIT = 1000;

export interface AgentServiceOptions {
  /** Largest serialised agent config, in bytes. */
  maxConfigBytes: number;
}

/** How long a cached agent row lives without an invalidation, in ms. Default 2_000. */
const AGENT_ROW_CACHE_TTL_MS = 2_000;

/** `agent` as readers see it: a deleted agent only when they ask for those too. */
function visible(agent: AgentInstanceEntity | null, includeDeleted: boolean): AgentInstanceEntity | null {
  return agent === null || (!includeDeleted && agent.deletedAt !== null) ? null : agent;
}

/** Creating, changing, hiding and reading agents. Lifecycle (start/stop) lives in the agent lifecycle service. */
export class AgentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: ChangeRunner,
    private readonly registry: AgentRegistry,
    private readonly secretBox: SecretBox,
    private readonly tasks: TaskService,
    private readonly options: AgentServiceOptions,
    /** Agent rows by id, for getMany (see AgentReadCache for how it stays current). */
    readonly rowCache: AgentReadCache<AgentInstanceEntity> = new AgentReadCache({ ttlMs: AGENT_ROW_CACHE_TTL_MS, maxEntries: 10_000 }),
  ) {}

  async create(actor: Actor, command: CreateAgentCommand): Promise<AgentInstanceEntity> {
    const name = this.checkName(command.name, 'input.name');
    const type = this.registry.get(command.type);
    if (type === undefined) {
      throw badInput(`unknown agent type "${command.type}"; known types: ${this.registry.list().map((t) => t.key).join(', ')}`, 'input.type');
    }
    const maxConcurrency = this.checkMaxConcurrency(command.maxConcurrency ?? 4, 'input.maxConcurrency');
    checkJsonInput(command.config, this.options.maxConfigBytes, 'input.config');
    const id = randomUUID();
    const config = sealConfig(type, id, command.config, this.secretBox, null, 'input.config');
    return this.changes.run(actor, async (tx) => {
      const repo = tx.manager.getRepository(AgentInstanceEntity);
      await this.assertNameFree(tx.manager.getRepository(AgentInstanceEntity), name, null);
      const agent = repo.create({ id, name, type: type.key, status: 'CREATED', config, maxConcurrency });
      try {
        await repo.save(agent);
      } catch (error: unknown) {
        throw this.translateUniqueViolation(error, name);
      }
      const saved = await repo.findOneByOrFail({ id });
      await tx.record(
        { kind: 'AGENT_STATUS', agentId: id, previousStatus: null, status: 'CREATED', data: { action: 'agent.created', agent: agentSnapshot(saved) } },
        { agentId: id, level: 'INFO', message: `agent "${name}" created (type ${type.key})`, metadata: { type: type.key, maxConcurrency } },
      );
      return saved;
    });
  }

  async update(actor: Actor, id: string, command: UpdateAgentCommand): Promise<AgentInstanceEntity> {
    const agentId = checkUuid(id, 'id');
    const newName = command.name === undefined || command.name === null ? undefined : this.checkName(command.name, 'input.name');
    const maxConcurrency =
      command.maxConcurrency === undefined || command.maxConcurrency === null ? undefined : this.checkMaxConcurrency(command.maxConcurrency, 'input.maxConcurrency');
    if (command.config !== undefined && command.config !== null) checkJsonInput(command.config, this.options.maxConfigBytes, 'input.config');
    return this.changes.run(actor, async (tx) => {
      const repo = tx.manager.getRepository(AgentInstanceEntity);
      const agent = await lockLiveAgent(tx, agentId);
      const changed: string[] = [];
      if (newName !== undefined && newName !== agent.name) {
        await this.assertNameFree(repo, newName, agentId);
        agent.name = newName;
        changed.push('name');
      }
      if (maxConcurrency !== undefined && maxConcurrency !== agent.maxConcurrency) {
        agent.maxConcurrency = maxConcurrency;
        changed.push('maxConcurrency');
      }
      if (command.config !== undefined && command.config !== null) {
        const type = this.registry.get(agent.type);
        if (type === undefined) throw new DomainError('CONFLICT', `agent type "${agent.type}" is no longer installed`);
        agent.config = sealConfig(type, agentId, command.config, this.secretBox, agent.config, 'input.config');
        changed.push('config');
      }
      agent.updatedAt = new Date();
      try {
        await repo.save(agent);
      } catch (error: unknown) {
        throw this.translateUniqueViolation(error, agent.name);
      }
      await tx.record(
        { kind: 'LOG', agentId, data: { action: 'agent.updated', fields: changed, agent: agentSnapshot(agent) } },
        { agentId, level: 'INFO', message: `agent "${agent.name}" updated${changed.length > 0 ? ` (${changed.join(', ')})` : ' (no change)'}`, metadata: { fields: changed } },
      );
      return agent;
    });
  }

  /** Hides the agent and frees its name; its tasks, logs, events and evidence stay readable by id. */
  async delete(actor: Actor, id: string): Promise<boolean> {
    const agentId = checkUuid(id, 'id');
    return this.changes.run(actor, async (tx) => {
      const repo = tx.manager.getRepository(AgentInstanceEntity);
      const agent = await lockLiveAgent(tx, agentId);
      const running: { count: string }[] = await tx.manager.query(
        `SELECT count(*) AS count FROM agent_tasks WHERE agent_id = $1 AND status = 'RUNNING'`,
        [agentId],
      );
      const runningCount = Number(running[0]!.count);
      if (runningCount > 0) throw conflict(`agent "${agent.name}" has ${runningCount} running task(s); stop it and let them finish first`);
      // Nothing more may start for a hidden agent: queued work is cancelled and schedules disabled.
      // Through the task service, so each cancel is recorded and workflows waiting on the task move on.
      const queued: TaskRow[] = await tx.manager.query(`SELECT ${TASK_COLUMNS} FROM agent_tasks t WHERE t.agent_id = $1 AND t.status = 'QUEUED' ORDER BY t.created_at FOR UPDATE`, [agentId]);
      for (const row of queued) await this.tasks.cancelInTransaction(tx, taskFromRow(row), 'agent deleted');
      await tx.manager.query(`UPDATE schedules SET enabled = false, updated_at = now() WHERE agent_id = $1 AND deleted_at IS NULL`, [agentId]);
      agent.deletedAt = new Date();
      agent.updatedAt = agent.deletedAt;
      await repo.save(agent);
      await tx.record(
        { kind: 'LOG', agentId, data: { action: 'agent.deleted', agent: agentSnapshot(agent) } },
        { agentId, level: 'WARN', message: `agent "${agent.name}" deleted`, metadata: { name: agent.name } },
      );
      return true;
    });
  }

  /** A visible agent by id, or null; deleted ones only when asked (for history views). */
  async get(id: string, includeDeleted = false): Promise<AgentInstanceEntity | null> {
    if (!isUuid(id)) return null;
    const [agent] = await this.getMany([id]);
    return visible(agent ?? null, includeDeleted);
  }

  /** As `get` (live agents only), answered without a promise when this process has the row cached. */
  find(id: string): AgentInstanceEntity | null | Promise<AgentInstanceEntity | null> {
    if (!isUuid(id)) return null;
    const cached = this.rowCache.peek(id.toLowerCase());
    return cached === undefined ? this.get(id) : visible(cached, false);
  }

  /** Drops cached rows of agents changed by any process, as the relay hears of it. */
  invalidateOn(bus: LocalEventBus): () => void {
    return bus.subscribe((event) => {
      if (event.agentId !== null) this.rowCache.invalidate([event.agentId]);
    });
  }

  /** Agents by id in one query (cached rows need none), deleted ones included (they still own tasks and evidence). */
  async getMany(ids: readonly string[]): Promise<(AgentInstanceEntity | null)[]> {
    const valid = ids.filter(isUuid).map((id) => id.toLowerCase());
    const byId = await this.rowCache.getMany(valid, (missing) => this.readRows(missing));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  }

  private async readRows(agentIds: readonly string[]): Promise<Map<string, AgentInstanceEntity>> {
    const rows = await this.dataSource.getRepository(AgentInstanceEntity).createQueryBuilder('a').where('a.id IN (:...agentIds)', { agentIds }).getMany();
    return new Map(rows.map((row) => [row.id, row]));
  }

  async list(filter: AgentFilter, page: PageArgs): Promise<Page<AgentInstanceEntity>> {
    const first = checkFirst(page.first);
    const query = this.dataSource.getRepository(AgentInstanceEntity).createQueryBuilder('a').where('a.deleted_at IS NULL');
    if (filter.status) query.andWhere('a.status = :status', { status: filter.status });
    if (filter.type) query.andWhere('a.type = :type', { type: filter.type });
    if (filter.nameContains) {
      const pattern = `%${filter.nameContains.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere('a.name ILIKE :pattern', { pattern });
    }
    // Counted separately only when the page does not already show the whole list.
    const countQuery = query.clone();
    // A cursor holds a JS Date (milliseconds) while created_at has microseconds: ordering and
    // comparing on the millisecond-truncated time keeps the two consistent, so the agent a cursor
    // names is never returned again and none created in the same millisecond is skipped.
    const createdMs = `date_trunc('milliseconds', a.created_at)`;
    if (page.after) {
      const cursor = decodeTimeCursor(page.after);
      if (!isUuid(cursor.id)) throw badInput('after is not a cursor this list gave out', 'after');
      query.andWhere(
        new Brackets((q) => {
          // The first condition lets the (created_at, id) index narrow the scan.
          q.where('a.created_at >= :createdAt', { createdAt: cursor.createdAt }).andWhere(`(${createdMs}, a.id) > (:createdAt, :id)`, {
            createdAt: cursor.createdAt,
            id: cursor.id,
          });
        }),
      );
    }
    const rows = await query.orderBy(createdMs, 'ASC').addOrderBy('a.id', 'ASC').limit(first + 1).getMany();
    const items = rows.slice(0, first);
    const totalCount = !page.after && rows.length <= first ? rows.length : await countQuery.getCount();
    return { items, cursors: items.map((agent) => timeCursor(agent.createdAt, agent.id)), hasNextPage: rows.length > first, totalCount };
  }

  private checkName(raw: string, path: string): string {
    const name = raw.trim();
    if (name.length === 0) throw badInput('name must not be empty', path);
    if (name.length > MAX_NAME_LENGTH) throw badInput(`name must be at most ${MAX_NAME_LENGTH} characters`, path);
    // Control characters (NUL included) make names unprintable in logs and UIs.
    if (/\p{Cc}/u.test(name)) throw badInput('name must not contain control characters', path);
    // Invisible formatting characters (bidi overrides, zero-width spaces, BOM) let two names look
    // alike or read reversed in an audit trail. ZWNJ and ZWJ stay: scripts and emoji need them.
    if (/[^\P{Cf}\u200C\u200D]/u.test(name)) throw badInput('name must not contain invisible formatting characters (bidi controls, zero-width spaces)', path);
    return name;
  }

  private checkMaxConcurrency(value: number, path: string): number {
    if (!Number.isInteger(value) || value < 1 || value > MAX_CONCURRENCY_LIMIT) {
      throw badInput(`maxConcurrency must be between 1 and ${MAX_CONCURRENCY_LIMIT}`, path);
    }
    return value;
  }

  private async assertNameFree(repo: ReturnType<DataSource['getRepository']>, name: string, exceptId: string | null): Promise<void> {
    const query = repo.createQueryBuilder('a').where('a.name = :name AND a.deleted_at IS NULL', { name });
    if (exceptId !== null) query.andWhere('a.id <> :exceptId', { exceptId });
    if (await query.getExists()) throw conflict(`an agent named "${name}" already exists`);
  }

  private translateUniqueViolation(error: unknown, name: string): unknown {
    // Two concurrent creates can both pass the check; the partial unique index decides.
    if (sqlStateOf(error) === UNIQUE_VIOLATION) {
      return conflict(`an agent named "${name}" already exists`);
    }
    return error;
  }
}
