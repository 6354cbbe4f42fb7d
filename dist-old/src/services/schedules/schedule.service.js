"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ScheduleService = void 0;
exports.scheduleSnapshot = scheduleSnapshot;
const entities_1 = require("../../entities");
const agent_config_1 = require("../agents/agent-config");
const ids_1 = require("../common/ids");
const json_input_1 = require("../common/json-input");
const domain_error_1 = require("../errors/domain-error");
const cron_1 = require("./cron");
function scheduleSnapshot(schedule) {
    return {
        id: schedule.id,
        agentId: schedule.agentId,
        taskType: schedule.taskType,
        cron: schedule.cron,
        enabled: schedule.enabled,
        lastRunAt: schedule.lastRunAt?.toISOString() ?? null,
        nextRunAt: schedule.nextRunAt?.toISOString() ?? null,
    };
}
/** Default maximum schedules fired in one sweep, so one sweep stays short. */
const FIRE_BATCH = 100;
/**
 * Recurring tasks. A due schedule fires once per due time however many workers sweep
 * (row locks with SKIP LOCKED, and the task's idempotency key is the schedule and due time),
 * only while its agent is RUNNING; missed times are made up by a single run.
 */
class ScheduleService {
    dataSource;
    changes;
    registry;
    tasks;
    options;
    constructor(dataSource, changes, registry, tasks, options) {
        this.dataSource = dataSource;
        this.changes = changes;
        this.registry = registry;
        this.tasks = tasks;
        this.options = options;
    }
    async list(agentId) {
        const query = this.dataSource.getRepository(entities_1.ScheduleEntity).createQueryBuilder('s').where('s.deleted_at IS NULL');
        if (agentId)
            query.andWhere('s.agent_id = :agentId', { agentId: (0, ids_1.checkUuid)(agentId, 'agentId') });
        return query.orderBy('s.created_at', 'ASC').addOrderBy('s.id', 'ASC').getMany();
    }
    async getMany(ids) {
        const rows = ids.length === 0 ? [] : await this.dataSource.getRepository(entities_1.ScheduleEntity).createQueryBuilder('s').where('s.id IN (:...ids)', { ids }).getMany();
        const byId = new Map(rows.map((row) => [row.id, row]));
        return ids.map((id) => byId.get(id) ?? null);
    }
    async create(actor, command) {
        const agentId = (0, ids_1.checkUuid)(command.agentId, 'input.agentId');
        const cron = (0, cron_1.checkCron)(command.cron);
        const payload = command.payload ?? {};
        (0, json_input_1.checkJsonInput)(payload, this.options.maxPayloadBytes, 'input.payload');
        return this.changes.run(actor, async (tx) => {
            const agents = await tx.manager.query('SELECT type, name FROM agent_instances WHERE id = $1 AND deleted_at IS NULL FOR KEY SHARE', [agentId]);
            if (agents.length === 0)
                throw (0, domain_error_1.notFound)('agent', agentId);
            const taskType = this.registry.get(agents[0].type)?.taskTypes[command.taskType];
            if (taskType === undefined)
                throw (0, domain_error_1.badInput)(`agent "${agents[0].name}" (type ${agents[0].type}) does not accept task type "${command.taskType}"`, 'input.taskType');
            (0, agent_config_1.validateAgainstSchema)(taskType.payloadSchema, payload, 'input.payload');
            const repo = tx.manager.getRepository(entities_1.ScheduleEntity);
            const schedule = await repo.save(repo.create({ agentId, taskType: command.taskType, payload, cron, enabled: command.enabled ?? true, nextRunAt: (0, cron_1.nextFireTime)(cron, new Date()), createdBy: actor.name }));
            await this.record(tx, schedule, 'INFO', `schedule ${schedule.taskType} "${cron}" created for agent "${agents[0].name}"`, 'schedule.created');
            return schedule;
        });
    }
    async setEnabled(actor, id, enabled) {
        const scheduleId = (0, ids_1.checkUuid)(id, 'id');
        return this.changes.run(actor, async (tx) => {
            const schedule = await this.lock(tx, scheduleId);
            schedule.enabled = enabled;
            // Re-enabling starts from now: times passed while disabled are not made up.
            if (enabled)
                schedule.nextRunAt = (0, cron_1.nextFireTime)(schedule.cron, new Date());
            schedule.updatedAt = new Date();
            await tx.manager.getRepository(entities_1.ScheduleEntity).save(schedule);
            await this.record(tx, schedule, 'INFO', `schedule ${schedule.taskType} ${enabled ? 'enabled' : 'disabled'}`, enabled ? 'schedule.enabled' : 'schedule.disabled');
            return schedule;
        });
    }
    async delete(actor, id) {
        const scheduleId = (0, ids_1.checkUuid)(id, 'id');
        return this.changes.run(actor, async (tx) => {
            const schedule = await this.lock(tx, scheduleId);
            schedule.deletedAt = new Date();
            schedule.enabled = false;
            await tx.manager.getRepository(entities_1.ScheduleEntity).save(schedule);
            await this.record(tx, schedule, 'WARN', `schedule ${schedule.taskType} "${schedule.cron}" deleted`, 'schedule.deleted');
            return true;
        });
    }
    /** Fires every schedule due at `now` (the scheduler's clock): at most one task per schedule per sweep. */
    async fireDue(actor, now) {
        return this.changes.run(actor, async (tx) => {
            const due = await tx.manager
                .getRepository(entities_1.ScheduleEntity)
                .createQueryBuilder('s')
                .setLock('pessimistic_write')
                .setOnLocked('skip_locked')
                .where('s.enabled AND s.deleted_at IS NULL AND s.next_run_at <= :now', { now })
                .orderBy('s.next_run_at', 'ASC')
                .limit(FIRE_BATCH)
                .getMany();
            let fired = 0;
            for (const schedule of due) {
                const dueAt = schedule.nextRunAt;
                const agents = await tx.manager.query('SELECT status FROM agent_instances WHERE id = $1 AND deleted_at IS NULL', [schedule.agentId]);
                schedule.nextRunAt = (0, cron_1.nextFireTime)(schedule.cron, now);
                schedule.updatedAt = new Date();
                if (agents[0]?.status === 'RUNNING') {
                    const task = await this.tasks.enqueue(tx, {
                        type: schedule.taskType,
                        payload: schedule.payload,
                        agentId: schedule.agentId,
                        maxAttempts: 3,
                        timeoutSeconds: null,
                        priority: 0,
                        idempotencyKey: `schedule:${schedule.id}:${dueAt.toISOString()}`,
                    });
                    schedule.lastRunAt = dueAt;
                    await tx.manager.getRepository(entities_1.ScheduleEntity).save(schedule);
                    await this.record(tx, schedule, 'INFO', `schedule ${schedule.taskType} fired for ${dueAt.toISOString()}`, 'schedule.fired', { taskId: task.id, dueAt: dueAt.toISOString() });
                    fired += 1;
                }
                else {
                    // Fires only while the agent runs: the missed time is skipped, not queued up.
                    await tx.manager.getRepository(entities_1.ScheduleEntity).save(schedule);
                }
            }
            return fired;
        });
    }
    async lock(tx, id) {
        const schedule = await tx.manager
            .getRepository(entities_1.ScheduleEntity)
            .createQueryBuilder('s')
            .setLock('pessimistic_write')
            .where('s.id = :id AND s.deleted_at IS NULL', { id })
            .getOne();
        if (schedule === null)
            throw (0, domain_error_1.notFound)('schedule', id);
        return schedule;
    }
    async record(tx, schedule, level, message, action, extra = {}) {
        await tx.record({ kind: 'SCHEDULE', agentId: schedule.agentId, data: { action, schedule: scheduleSnapshot(schedule), ...extra } }, { agentId: schedule.agentId, level, message, metadata: { scheduleId: schedule.id, ...extra } });
    }
}
exports.ScheduleService = ScheduleService;
//# sourceMappingURL=schedule.service.js.map