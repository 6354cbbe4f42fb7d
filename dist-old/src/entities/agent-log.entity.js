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
exports.AgentLogEntity = void 0;
const typeorm_1 = require("typeorm");
/** The audit log and agents' own log lines: append-only. */
let AgentLogEntity = class AgentLogEntity {
    id;
    agentId;
    taskId;
    level;
    message;
    metadata;
    actor;
    correlationId;
    timestamp;
};
exports.AgentLogEntity = AgentLogEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)('increment', { type: 'bigint' }),
    __metadata("design:type", String)
], AgentLogEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)('uuid', { name: 'agent_id', nullable: true }),
    __metadata("design:type", Object)
], AgentLogEntity.prototype, "agentId", void 0);
__decorate([
    (0, typeorm_1.Column)('uuid', { name: 'task_id', nullable: true }),
    __metadata("design:type", Object)
], AgentLogEntity.prototype, "taskId", void 0);
__decorate([
    (0, typeorm_1.Column)('text'),
    __metadata("design:type", String)
], AgentLogEntity.prototype, "level", void 0);
__decorate([
    (0, typeorm_1.Column)('text'),
    __metadata("design:type", String)
], AgentLogEntity.prototype, "message", void 0);
__decorate([
    (0, typeorm_1.Column)('jsonb', { nullable: true }),
    __metadata("design:type", Object)
], AgentLogEntity.prototype, "metadata", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { nullable: true }),
    __metadata("design:type", Object)
], AgentLogEntity.prototype, "actor", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { name: 'correlation_id', nullable: true }),
    __metadata("design:type", Object)
], AgentLogEntity.prototype, "correlationId", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { default: () => 'now()' }),
    __metadata("design:type", Date)
], AgentLogEntity.prototype, "timestamp", void 0);
exports.AgentLogEntity = AgentLogEntity = __decorate([
    (0, typeorm_1.Entity)('agent_logs'),
    (0, typeorm_1.Index)('ix_agent_logs_agent', ['agentId', 'id']),
    (0, typeorm_1.Index)('ix_agent_logs_actor', ['actor', 'id']),
    (0, typeorm_1.Index)('ix_agent_logs_task', ['taskId'])
], AgentLogEntity);
//# sourceMappingURL=agent-log.entity.js.map