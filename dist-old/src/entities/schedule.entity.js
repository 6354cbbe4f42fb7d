"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ScheduleEntity = void 0;
const typeorm_1 = require("typeorm");
const agent_instance_entity_1 = require("./agent-instance.entity");
let ScheduleEntity = class ScheduleEntity {
    id;
    agentId;
    taskType;
    payload;
    cron;
    enabled;
    lastRunAt;
    nextRunAt;
    createdBy;
    createdAt;
    updatedAt;
    deletedAt;
};
exports.ScheduleEntity = ScheduleEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)('uuid'),
    __metadata("design:type", String)
], ScheduleEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)('uuid', { name: 'agent_id' }),
    (0, typeorm_1.ForeignKey)(() => agent_instance_entity_1.AgentInstanceEntity, { name: 'fk_schedules_agent' }),
    __metadata("design:type", String)
], ScheduleEntity.prototype, "agentId", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { name: 'task_type' }),
    __metadata("design:type", String)
], ScheduleEntity.prototype, "taskType", void 0);
__decorate([
    (0, typeorm_1.Column)('jsonb', { default: () => "'{}'" }),
    __metadata("design:type", Object)
], ScheduleEntity.prototype, "payload", void 0);
__decorate([
    (0, typeorm_1.Column)('text'),
    __metadata("design:type", String)
], ScheduleEntity.prototype, "cron", void 0);
__decorate([
    (0, typeorm_1.Column)('boolean', { default: true }),
    __metadata("design:type", Boolean)
], ScheduleEntity.prototype, "enabled", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'last_run_at', nullable: true }),
    __metadata("design:type", Object)
], ScheduleEntity.prototype, "lastRunAt", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'next_run_at', nullable: true }),
    __metadata("design:type", Object)
], ScheduleEntity.prototype, "nextRunAt", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { name: 'created_by', nullable: true }),
    __metadata("design:type", Object)
], ScheduleEntity.prototype, "createdBy", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'created_at', default: () => 'now()' }),
    __metadata("design:type", Date)
], ScheduleEntity.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'updated_at', default: () => 'now()' }),
    __metadata("design:type", Date)
], ScheduleEntity.prototype, "updatedAt", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'deleted_at', nullable: true }),
    __metadata("design:type", Object)
], ScheduleEntity.prototype, "deletedAt", void 0);
exports.ScheduleEntity = ScheduleEntity = __decorate([
    (0, typeorm_1.Entity)('schedules'),
    (0, typeorm_1.Index)('ix_schedules_agent', ['agentId']),
    (0, typeorm_1.Index)('ix_schedules_due', ['nextRunAt'], { where: 'enabled AND deleted_at IS NULL' })
], ScheduleEntity);
//# sourceMappingURL=schedule.entity.js.map