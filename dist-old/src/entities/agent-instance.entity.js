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
exports.AgentInstanceEntity = void 0;
const typeorm_1 = require("typeorm");
/** One agent: a configured instance of an agent type. Soft-deleted so its history stays auditable. */
let AgentInstanceEntity = class AgentInstanceEntity {
    id;
    name;
    type;
    status;
    statusReason;
    /** Plain values for ordinary fields, encrypted envelopes for the type's secret fields. */
    config;
    maxConcurrency;
    createdAt;
    updatedAt;
    lastActiveAt;
    deletedAt;
};
exports.AgentInstanceEntity = AgentInstanceEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)('uuid'),
    __metadata("design:type", String)
], AgentInstanceEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)('text'),
    __metadata("design:type", String)
], AgentInstanceEntity.prototype, "name", void 0);
__decorate([
    (0, typeorm_1.Column)('text'),
    __metadata("design:type", String)
], AgentInstanceEntity.prototype, "type", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { default: 'CREATED' }),
    __metadata("design:type", String)
], AgentInstanceEntity.prototype, "status", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { name: 'status_reason', nullable: true }),
    __metadata("design:type", Object)
], AgentInstanceEntity.prototype, "statusReason", void 0);
__decorate([
    (0, typeorm_1.Column)('jsonb', { default: () => "'{}'" }),
    __metadata("design:type", Object)
], AgentInstanceEntity.prototype, "config", void 0);
__decorate([
    (0, typeorm_1.Column)('integer', { name: 'max_concurrency', default: 4 }),
    __metadata("design:type", Number)
], AgentInstanceEntity.prototype, "maxConcurrency", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'created_at', default: () => 'now()' }),
    __metadata("design:type", Date)
], AgentInstanceEntity.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'updated_at', default: () => 'now()' }),
    __metadata("design:type", Date)
], AgentInstanceEntity.prototype, "updatedAt", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'last_active_at', nullable: true }),
    __metadata("design:type", Object)
], AgentInstanceEntity.prototype, "lastActiveAt", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'deleted_at', nullable: true }),
    __metadata("design:type", Object)
], AgentInstanceEntity.prototype, "deletedAt", void 0);
exports.AgentInstanceEntity = AgentInstanceEntity = __decorate([
    (0, typeorm_1.Entity)('agent_instances'),
    (0, typeorm_1.Index)('uq_agent_instances_live_name', ['name'], { unique: true, where: 'deleted_at IS NULL' }),
    (0, typeorm_1.Index)('ix_agent_instances_status', ['status']),
    (0, typeorm_1.Index)('ix_agent_instances_created', ['createdAt', 'id'])
], AgentInstanceEntity);
//# sourceMappingURL=agent-instance.entity.js.map