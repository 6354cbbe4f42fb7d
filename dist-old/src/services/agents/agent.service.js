"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AgentService = exports.AGENT_STATUSES = void 0;
const node_crypto_1 = require("node:crypto");
const typeorm_1 = require("typeorm");
const entities_1 = require("../../entities");
const ids_1 = require("../common/ids");
const json_input_1 = require("../common/json-input");
const pagination_1 = require("../common/pagination");
const domain_error_1 = require("../errors/domain-error");
const task_row_1 = require("../tasks/task-row");
const agent_config_1 = require("./agent-config");
const agent_lock_1 = require("./agent-lock");
const agent_snapshot_1 = require("./agent-snapshot");
const agent_read_cache_1 = require("./agent-read-cache");
exports.AGENT_STATUSES = ['CREATED', 'STARTING', 'RUNNING', 'STOPPING', 'STOPPED', 'ERROR'];
/** Longest agent name, in characters. */
const MAX_NAME_LENGTH = 100;
/** Bounds of Agent.maxConcurrency. */
const MAX_CONCURRENCY_LIMIT = 1000;
/** How long a cached agent row lives without an invalidation, in ms. Default 2_000. */
const AGENT_ROW_CACHE_TTL_MS = 2_000;
/** Creating, changing, hiding and reading agents. Lifecycle (start/stop) lives in the agent lifecycle service. */
class AgentService {
    dataSource;
    changes;
    registry;
    secretBox;
    tasks;
    options;
    rowCache;
    constructor(dataSource, changes, registry, secretBox, tasks, options, 
    /** Agent rows by id, for getMany (see AgentReadCache for how it stays current). */
    rowCache = new agent_read_cache_1.AgentReadCache({ ttlMs: AGENT_ROW_CACHE_TTL_MS, maxEntries: 10_000 })) {
        this.dataSource = dataSource;
        this.changes = changes;
        this.registry = registry;
        this.secretBox = secretBox;
        this.tasks = tasks;
        this.options = options;
        this.rowCache = rowCache;
    }
    async create(actor, command) {
        const name = this.checkName(command.name, 'input.name');
        const type = this.registry.get(command.type);
        if (type === undefined) {
            throw (0, domain_error_1.badInput)(`unknown agent type "${command.type}"; known types: ${this.registry.list().map((t) => t.key).join(', ')}`, 'input.type');
        }
        const maxConcurrency = this.checkMaxConcurrency(command.maxConcurrency ?? 4, 'input.maxConcurrency');
        (0, json_input_1.checkJsonInput)(command.config, this.options.maxConfigBytes, 'input.config');
        const id = (0, node_crypto_1.randomUUID)();
        const config = (0, agent_config_1.sealConfig)(type, id, command.config, this.secretBox, null, 'input.config');
        return this.changes.run(actor, async (tx) => {
            const repo = tx.manager.getRepository(entities_1.AgentInstanceEntity);
            await this.assertNameFree(tx.manager.getRepository(entities_1.AgentInstanceEntity), name, null);
            const agent = repo.create({ id, name, type: type.key, status: 'CREATED', config, maxConcurrency });
            try {
                await repo.save(agent);
            }
            catch (error) {
                throw this.translateUniqueViolation(error, name);
            }
            const saved = await repo.findOneByOrFail({ id });
            await tx.record({ kind: 'AGENT_STATUS', agentId: id, previousStatus: null, status: 'CREATED', data: { action: 'agent.created', agent: (0, agent_snapshot_1.agentSnapshot)(saved) } }, { agentId: id, level: 'INFO', message: `agent "${name}" created (type ${type.key})`, metadata: { type: type.key, maxConcurrency } });
            return saved;
        });
    }
    async update(actor, id, command) {
        const agentId = (0, ids_1.checkUuid)(id, 'id');
        const newName = command.name === undefined || command.name === null ? undefined : this.checkName(command.name, 'input.name');
        const maxConcurrency = command.maxConcurrency === undefined || command.maxConcurrency === null ? undefined : this.checkMaxConcurrency(command.maxConcurrency, 'input.maxConcurrency');
        if (command.config !== undefined && command.config !== null)
            (0, json_input_1.checkJsonInput)(command.config, this.options.maxConfigBytes, 'input.config');
        return this.changes.run(actor, async (tx) => {
            const repo = tx.manager.getRepository(entities_1.AgentInstanceEntity);
            const agent = await (0, agent_lock_1.lockLiveAgent)(tx, agentId);
            const changed = [];
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
                if (type === undefined)
                    throw new domain_error_1.DomainError('CONFLICT', `agent type "${agent.type}" is no longer installed`);
                agent.config = (0, agent_config_1.sealConfig)(type, agentId, command.config, this.secretBox, agent.config, 'input.config');
                changed.push('config');
            }
            agent.updatedAt = new Date();
            try {
                await repo.save(agent);
            }
            catch (error) {
                throw this.translateUniqueViolation(error, agent.name);
            }
            await tx.record({ kind: 'LOG', agentId, data: { action: 'agent.updated', fields: changed, agent: (0, agent_snapshot_1.agentSnapshot)(agent) } }, { agentId, level: 'INFO', message: `agent "${agent.name}" updated${changed.length > 0 ? ` (${changed.join(', ')})` : ' (no change)'}`, metadata: { fields: changed } });
            return agent;
        });
    }
    /** Hides the agent and frees its name; its tasks, logs, events and evidence stay readable by id. */
    async delete(actor, id) {
        const agentId = (0, ids_1.checkUuid)(id, 'id');
        return this.changes.run(actor, async (tx) => {
            const repo = tx.manager.getRepository(entities_1.AgentInstanceEntity);
            const agent = await (0, agent_lock_1.lockLiveAgent)(tx, agentId);
            const running = await tx.manager.query(`SELECT count(*) AS count FROM agent_tasks WHERE agent_id = $1 AND status = 'RUNNING'`, [agentId]);
            const runningCount = Number(running[0].count);
            if (runningCount > 0)
                throw (0, domain_error_1.conflict)(`agent "${agent.name}" has ${runningCount} running task(s); stop it and let them finish first`);
            // Nothing more may start for a hidden agent: queued work is cancelled and schedules disabled.
            // Through the task service, so each cancel is recorded and workflows waiting on the task move on.
            const queued = await tx.manager.query(`SELECT ${task_row_1.TASK_COLUMNS} FROM agent_tasks t WHERE t.agent_id = $1 AND t.status = 'QUEUED' ORDER BY t.created_at FOR UPDATE`, [agentId]);
            for (const row of queued)
                await this.tasks.cancelInTransaction(tx, (0, task_row_1.taskFromRow)(row), 'agent deleted');
            await tx.manager.query(`UPDATE schedules SET enabled = false, updated_at = now() WHERE agent_id = $1 AND deleted_at IS NULL`, [agentId]);
            agent.deletedAt = new Date();
            agent.updatedAt = agent.deletedAt;
            await repo.save(agent);
            await tx.record({ kind: 'LOG', agentId, data: { action: 'agent.deleted', agent: (0, agent_snapshot_1.agentSnapshot)(agent) } }, { agentId, level: 'WARN', message: `agent "${agent.name}" deleted`, metadata: { name: agent.name } });
            return true;
        });
    }
    /** A visible agent by id, or null; deleted ones only when asked (for history views). */
    async get(id, includeDeleted = false) {
        if (!(0, ids_1.isUuid)(id))
            return null;
        const [agent] = await this.getMany([id]);
        if (agent === undefined || agent === null || (!includeDeleted && agent.deletedAt !== null))
            return null;
        return agent;
    }
    /** Drops cached rows of agents changed by any process, as the relay hears of it. */
    invalidateOn(bus) {
        return bus.subscribe((event) => {
            if (event.agentId !== null)
                this.rowCache.invalidate([event.agentId]);
        });
    }
    /** Agents by id in one query (cached rows need none), deleted ones included (they still own tasks and evidence). */
    async getMany(ids) {
        const valid = ids.filter(ids_1.isUuid).map((id) => id.toLowerCase());
        const byId = await this.rowCache.getMany(valid, (missing) => this.readRows(missing));
        return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
    }
    async readRows(agentIds) {
        const rows = await this.dataSource.getRepository(entities_1.AgentInstanceEntity).createQueryBuilder('a').where('a.id IN (:...agentIds)', { agentIds }).getMany();
        return new Map(rows.map((row) => [row.id, row]));
    }
    async list(filter, page) {
        const first = (0, pagination_1.checkFirst)(page.first);
        const query = this.dataSource.getRepository(entities_1.AgentInstanceEntity).createQueryBuilder('a').where('a.deleted_at IS NULL');
        if (filter.status)
            query.andWhere('a.status = :status', { status: filter.status });
        if (filter.type)
            query.andWhere('a.type = :type', { type: filter.type });
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
            const cursor = (0, pagination_1.decodeTimeCursor)(page.after);
            if (!(0, ids_1.isUuid)(cursor.id))
                throw (0, domain_error_1.badInput)('after is not a cursor this list gave out', 'after');
            query.andWhere(new typeorm_1.Brackets((q) => {
                // The first condition lets the (created_at, id) index narrow the scan.
                q.where('a.created_at >= :createdAt', { createdAt: cursor.createdAt }).andWhere(`(${createdMs}, a.id) > (:createdAt, :id)`, {
                    createdAt: cursor.createdAt,
                    id: cursor.id,
                });
            }));
        }
        const rows = await query.orderBy(createdMs, 'ASC').addOrderBy('a.id', 'ASC').limit(first + 1).getMany();
        const items = rows.slice(0, first);
        const totalCount = !page.after && rows.length <= first ? rows.length : await countQuery.getCount();
        return { items, cursors: items.map((agent) => (0, pagination_1.timeCursor)(agent.createdAt, agent.id)), hasNextPage: rows.length > first, totalCount };
    }
    checkName(raw, path) {
        const name = raw.trim();
        if (name.length === 0)
            throw (0, domain_error_1.badInput)('name must not be empty', path);
        if (name.length > MAX_NAME_LENGTH)
            throw (0, domain_error_1.badInput)(`name must be at most ${MAX_NAME_LENGTH} characters`, path);
        // Control characters (NUL included) make names unprintable in logs and UIs.
        if (/\p{Cc}/u.test(name))
            throw (0, domain_error_1.badInput)('name must not contain control characters', path);
        // Invisible formatting characters (bidi overrides, zero-width spaces, BOM) let two names look
        // alike or read reversed in an audit trail. ZWNJ and ZWJ stay: scripts and emoji need them.
        if (/[^\P{Cf}\u200C\u200D]/u.test(name))
            throw (0, domain_error_1.badInput)('name must not contain invisible formatting characters (bidi controls, zero-width spaces)', path);
        return name;
    }
    checkMaxConcurrency(value, path) {
        if (!Number.isInteger(value) || value < 1 || value > MAX_CONCURRENCY_LIMIT) {
            throw (0, domain_error_1.badInput)(`maxConcurrency must be between 1 and ${MAX_CONCURRENCY_LIMIT}`, path);
        }
        return value;
    }
    async assertNameFree(repo, name, exceptId) {
        const query = repo.createQueryBuilder('a').where('a.name = :name AND a.deleted_at IS NULL', { name });
        if (exceptId !== null)
            query.andWhere('a.id <> :exceptId', { exceptId });
        if (await query.getExists())
            throw (0, domain_error_1.conflict)(`an agent named "${name}" already exists`);
    }
    translateUniqueViolation(error, name) {
        // Two concurrent creates can both pass the check; the partial unique index decides.
        if (typeof error === 'object' && error !== null && error.code === '23505') {
            return (0, domain_error_1.conflict)(`an agent named "${name}" already exists`);
        }
        return error;
    }
}
exports.AgentService = AgentService;
//# sourceMappingURL=agent.service.js.map