"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TaskService = exports.TASK_LIMITS = void 0;
const agent_config_1 = require("../agents/agent-config");
const ids_1 = require("../common/ids");
const domain_error_1 = require("../errors/domain-error");
const task_jobs_1 = require("./task-jobs");
const sql_literal_1 = require("../../db/sql-literal");
const task_events_1 = require("./task-events");
const task_fast_paths_1 = require("./task-fast-paths");
const task_row_1 = require("./task-row");
const task_command_1 = require("./task-command");
const task_routing_1 = require("./task-routing");
/** Bounds of the numeric task options. */
exports.TASK_LIMITS = Object.freeze({
    /** Tasks one distributeTasks call may submit. */
    tasksPerCall: 1_000,
    maxAttempts: 100,
    timeoutSeconds: 86_400,
    priority: 10_000,
    idempotencyKeyLength: 200,
    typeLength: 100,
});
const TASK_INSERT_COLUMNS = 'agent_id, type, status, payload, max_attempts, priority, run_at, timeout_seconds, idempotency_key, workflow_run_id, step_id, created_by';
/** The values of a new QUEUED task, in TASK_INSERT_COLUMNS order, as literals; `agentId` an SQL expression. */
function taskInsertValues(agentId, spec, createdBy) {
    return [
        agentId,
        (0, sql_literal_1.sqlLiteral)(spec.type),
        `'QUEUED'`,
        (0, sql_literal_1.sqlJsonLiteral)(spec.payload ?? {}),
        (0, sql_literal_1.sqlLiteral)(spec.maxAttempts),
        (0, sql_literal_1.sqlLiteral)(spec.priority),
        spec.runAt ? `${(0, sql_literal_1.sqlLiteral)(spec.runAt.toISOString())}::timestamptz` : 'NULL::timestamptz',
        spec.timeoutSeconds === null ? 'NULL::int' : (0, sql_literal_1.sqlLiteral)(spec.timeoutSeconds),
        `${(0, sql_literal_1.sqlLiteral)(spec.idempotencyKey ?? null)}::text`,
        `${(0, sql_literal_1.sqlLiteral)(spec.workflowRunId ?? null)}::uuid`,
        `${(0, sql_literal_1.sqlLiteral)(spec.stepId ?? null)}::text`,
        (0, sql_literal_1.sqlLiteral)(createdBy),
    ].join(', ');
}
/** Submitting, cancelling and retrying tasks. Running them is the task executor's. */
class TaskService {
    dataSource;
    changes;
    registry;
    hooks;
    options;
    constructor(dataSource, changes, registry, hooks, options) {
        this.dataSource = dataSource;
        this.changes = changes;
        this.registry = registry;
        this.hooks = hooks;
        this.options = options;
    }
    async distribute(actor, command) {
        const spec = (0, task_command_1.checkTaskCommand)(command, this.options.maxPayloadBytes);
        if (spec.idempotencyKey) {
            const existing = await this.findByIdempotencyKey(spec.idempotencyKey);
            if (existing !== null)
                return existing;
        }
        try {
            const whole = this.enqueueWholeSql(spec, actor);
            if (whole !== null) {
                const [row] = await this.changes.runWhole(whole);
                // No row: the agent is not there, not running, or of a type that does not take the task; the general path says which.
                return row !== undefined ? (0, task_row_1.taskFromRow)(row) : await this.changes.run(actor, (tx) => this.enqueue(tx, spec, 'input.'));
            }
            const fast = this.enqueueFastSql(spec, actor.name);
            if (fast === null)
                return await this.changes.run(actor, (tx) => this.enqueue(tx, spec, 'input.'));
            // The common case in one round trip with the BEGIN; anything else (an agent that is not
            // there or not running…) takes the general path in the same transaction, for its errors.
            return await this.changes.runFrom(actor, fast, (tx, rows) => this.enqueuedFast(tx, rows, spec, 'input.'));
        }
        catch (error) {
            // Two calls racing with one key: the unique index lets one in; the other returns it.
            if (spec.idempotencyKey && error.code === '23505') {
                const existing = await this.findByIdempotencyKey(spec.idempotencyKey);
                if (existing !== null)
                    return existing;
            }
            throw error;
        }
    }
    /**
     * Several tasks in one transaction: all are queued, or (one input is refused) none is, and
     * the error's path names the input (`inputs.3.payload`). A task whose idempotencyKey is
     * known already is answered with the existing task, as distribute does.
     */
    async distributeMany(actor, commands) {
        if (commands.length === 0 || commands.length > exports.TASK_LIMITS.tasksPerCall)
            throw (0, domain_error_1.badInput)(`inputs must hold 1-${exports.TASK_LIMITS.tasksPerCall} tasks`, 'inputs');
        const specs = commands.map((command, index) => (0, task_command_1.checkTaskCommand)(command, this.options.maxPayloadBytes, `inputs.${index}.`));
        const keys = specs.map((spec) => spec.idempotencyKey).filter((key) => Boolean(key));
        if (new Set(keys).size !== keys.length)
            throw (0, domain_error_1.badInput)('two inputs carry the same idempotencyKey', 'inputs');
        for (let attempt = 1;; attempt += 1) {
            const existing = new Map();
            if (keys.length > 0) {
                const rows = await this.dataSource.query(`SELECT ${task_row_1.TASK_COLUMNS} FROM agent_tasks t WHERE t.idempotency_key = ANY($1::text[])`, [keys]);
                for (const row of rows)
                    existing.set(row.idempotency_key, (0, task_row_1.taskFromRow)(row));
            }
            try {
                return await this.changes.run(actor, async (tx) => {
                    const tasks = [];
                    for (const [index, spec] of specs.entries()) {
                        const known = spec.idempotencyKey ? existing.get(spec.idempotencyKey) : undefined;
                        tasks.push(known ?? (await this.enqueueOne(tx, spec, `inputs.${index}.`)));
                    }
                    return tasks;
                });
            }
            catch (error) {
                // A call racing with ours queued one of our keys first: the next attempt answers its task.
                if (attempt >= 2 || keys.length === 0 || error.code !== '23505')
                    throw error;
            }
        }
    }
    /** One task of a transaction: the one-statement insert when it applies, else the general path. */
    async enqueueOne(tx, spec, pathPrefix) {
        const fast = this.enqueueFastSql(spec, tx.actor.name);
        const rows = fast === null ? [] : await tx.manager.query(fast);
        return this.enqueuedFast(tx, rows, spec, pathPrefix);
    }
    /** The rest of a task inserted by `enqueueFastSql` (no row: the general path, for its errors). */
    async enqueuedFast(tx, rows, spec, pathPrefix) {
        const row = rows[0];
        if (row === undefined)
            return this.enqueue(tx, spec, pathPrefix);
        const task = (0, task_row_1.taskFromRow)(row);
        (0, agent_config_1.validateAgainstSchema)(this.registry.get(row.a_type).taskTypes[spec.type].payloadSchema, task.payload, `${pathPrefix}payload`);
        await this.queued(tx, task, row.a_name);
        return task;
    }
    /** Creates a QUEUED task and its job in the caller's transaction (used by distribute, workflows and schedules). */
    async enqueue(tx, spec, pathPrefix = '') {
        const agent = await (0, task_routing_1.routeTask)(tx, this.registry, spec, pathPrefix);
        const payload = spec.payload ?? {};
        const taskType = this.registry.get(agent.type).taskTypes[spec.type];
        (0, agent_config_1.validateAgainstSchema)(taskType.payloadSchema, payload, `${pathPrefix}payload`);
        const rows = await tx.manager.query(`INSERT INTO agent_tasks AS t (${TASK_INSERT_COLUMNS}) VALUES (${taskInsertValues(`${(0, sql_literal_1.sqlLiteral)(agent.id)}::uuid`, { ...spec, payload }, tx.actor.name)}) RETURNING ${task_row_1.TASK_COLUMNS}`);
        const task = (0, task_row_1.taskFromRow)(rows[0]);
        await this.queued(tx, task, agent.name);
        return task;
    }
    /** The job and the QUEUED event of a task just inserted. */
    async queued(tx, task, agentName) {
        (0, task_jobs_1.addTaskJobAtCommit)(tx, task.id, task.runAt, task.priority);
        await (0, task_events_1.recordTaskChange)(tx, this.hooks, task, null, {
            level: 'INFO',
            message: (0, task_events_1.taskMessage)(task_events_1.TASK_MESSAGE.queued, task.type, agentName),
            metadata: { priority: task.priority, ...(task.runAt ? { runAt: task.runAt.toISOString() } : {}) },
        });
    }
    /**
     * The common case whole in PostgreSQL (`fastEnqueueSql`): a task for a given agent, whose
     * payload every agent type accepting the task type takes (so whichever the agent is, the
     * payload is valid for it). Null otherwise: the paths below check, and name what is wrong.
     */
    enqueueWholeSql(spec, actor) {
        if (!spec.agentId || !(0, ids_1.isUuid)(spec.agentId) || spec.workflowRunId)
            return null;
        const types = this.registry.typesAccepting(spec.type);
        const fitsEvery = types.length > 0 && types.every((type) => (0, agent_config_1.payloadFits)(this.registry.get(type).taskTypes[spec.type].payloadSchema, spec.payload ?? {}));
        return fitsEvery ? (0, task_fast_paths_1.fastEnqueueSql)(spec.agentId.toLowerCase(), types, spec, actor) : null;
    }
    /**
     * The insert of a task for a given RUNNING agent whose type accepts it, with the agent's
     * name and type: the first statement of distribute's common case (no row otherwise). The
     * agent is key-share-locked as routeTask does. Null when the command names no agent.
     */
    enqueueFastSql(spec, createdBy) {
        if (!spec.agentId || !(0, ids_1.isUuid)(spec.agentId))
            return null;
        const types = this.registry.typesAccepting(spec.type);
        if (types.length === 0)
            return null;
        return `WITH a AS (
        SELECT id, name, type FROM agent_instances
        WHERE id = ${(0, sql_literal_1.sqlLiteral)(spec.agentId.toLowerCase())}::uuid AND status = 'RUNNING' AND deleted_at IS NULL AND type = ANY(ARRAY[${types.map(sql_literal_1.sqlLiteral).join(', ')}]::text[])
        FOR KEY SHARE
      ), t AS (
        INSERT INTO agent_tasks (${TASK_INSERT_COLUMNS}) SELECT ${taskInsertValues('a.id', spec, createdBy)} FROM a RETURNING *
      )
      SELECT ${task_row_1.TASK_COLUMNS}, a.name AS a_name, a.type AS a_type FROM t JOIN a ON a.id = t.agent_id`;
    }
    async cancel(actor, id) {
        const taskId = (0, ids_1.checkUuid)(id, 'id');
        return this.changes.run(actor, async (tx) => {
            const task = await (0, task_events_1.lockTask)(tx, taskId);
            if (task === null)
                throw (0, domain_error_1.notFound)('task', taskId);
            if (task.status !== 'QUEUED' && task.status !== 'RUNNING')
                throw (0, domain_error_1.conflict)(`task ${taskId} is ${task.status}; only QUEUED or RUNNING tasks can be cancelled`);
            return this.cancelInTransaction(tx, task);
        });
    }
    /**
     * Cancels in the caller's transaction: a QUEUED task becomes CANCELLED at once and never
     * runs; a RUNNING one is marked, and the worker running it aborts its handler and records
     * CANCELLED.
     */
    async cancelInTransaction(tx, task, reason = 'cancelled') {
        if (task.status === 'QUEUED') {
            const cancelled = await (0, task_events_1.updateTask)(tx, task.id, `status = 'CANCELLED', error = $2, completed_at = now(), blocked_at = NULL, cancel_requested_at = now()`, [reason]);
            await (0, task_jobs_1.removeTaskJob)(tx.manager, task.id);
            await (0, task_events_1.recordTaskChange)(tx, this.hooks, cancelled, 'QUEUED', { level: 'WARN', message: `task ${task.type} cancelled before it ran` });
            return cancelled;
        }
        if (task.status === 'RUNNING') {
            await tx.manager.query('UPDATE agent_tasks SET cancel_requested_at = now(), updated_at = now() WHERE id = $1 AND cancel_requested_at IS NULL', [task.id]);
            await tx.log({ agentId: task.agentId, taskId: task.id, level: 'WARN', message: `cancel of running task ${task.type} requested: its worker aborts it` });
            return task;
        }
        return task;
    }
    async retry(actor, id) {
        const taskId = (0, ids_1.checkUuid)(id, 'id');
        return this.changes.run(actor, async (tx) => {
            const task = await (0, task_events_1.lockTask)(tx, taskId);
            if (task === null)
                throw (0, domain_error_1.notFound)('task', taskId);
            if (task.status !== 'FAILED' && task.status !== 'CANCELLED')
                throw (0, domain_error_1.conflict)(`task ${taskId} is ${task.status}; only FAILED or CANCELLED tasks can be retried`);
            const agent = await tx.manager.query('SELECT status, name, deleted_at FROM agent_instances WHERE id = $1 FOR KEY SHARE', [task.agentId]);
            if (agent[0] === undefined || agent[0].deleted_at !== null)
                throw (0, domain_error_1.conflict)('the task\'s agent was deleted');
            if (agent[0].status !== 'RUNNING')
                throw new domain_error_1.DomainError('AGENT_NOT_RUNNING', `agent "${agent[0].name}" is ${agent[0].status}, not RUNNING`);
            const requeued = await (0, task_events_1.updateTask)(tx, task.id, `status = 'QUEUED', attempts = 0, error = NULL, result = NULL, started_at = NULL, completed_at = NULL, duration_ms = NULL,
         cancel_requested_at = NULL, blocked_at = NULL, worker_id = NULL, queued_at = now(), run_at = NULL`, []);
            await (0, task_jobs_1.addTaskJob)(tx.manager, task.id, null, task.priority);
            await (0, task_events_1.recordTaskChange)(tx, this.hooks, requeued, task.status, { level: 'INFO', message: `task ${task.type} re-queued by retry` });
            return requeued;
        });
    }
    async findByIdempotencyKey(key) {
        const rows = await this.dataSource.query(`SELECT ${task_row_1.TASK_COLUMNS} FROM agent_tasks t WHERE t.idempotency_key = $1`, [key]);
        return rows.length === 0 ? null : (0, task_row_1.taskFromRow)(rows[0]);
    }
}
exports.TaskService = TaskService;
//# sourceMappingURL=task.service.js.map