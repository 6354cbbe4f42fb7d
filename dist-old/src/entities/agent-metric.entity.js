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
exports.AgentMetricEntity = void 0;
const typeorm_1 = require("typeorm");
/** One measurement (task.duration_ms, task.succeeded, ...), bucketed at query time. */
let AgentMetricEntity = class AgentMetricEntity {
    id;
    agentId;
    taskId;
    name;
    value;
    recordedAt;
};
exports.AgentMetricEntity = AgentMetricEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)('increment', { type: 'bigint' }),
    __metadata("design:type", String)
], AgentMetricEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)('uuid', { name: 'agent_id', nullable: true }),
    __metadata("design:type", Object)
], AgentMetricEntity.prototype, "agentId", void 0);
__decorate([
    (0, typeorm_1.Column)('uuid', { name: 'task_id', nullable: true }),
    __metadata("design:type", Object)
], AgentMetricEntity.prototype, "taskId", void 0);
__decorate([
    (0, typeorm_1.Column)('text'),
    __metadata("design:type", String)
], AgentMetricEntity.prototype, "name", void 0);
__decorate([
    (0, typeorm_1.Column)('double precision'),
    __metadata("design:type", Number)
], AgentMetricEntity.prototype, "value", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'recorded_at', default: () => 'now()' }),
    __metadata("design:type", Date)
], AgentMetricEntity.prototype, "recordedAt", void 0);
exports.AgentMetricEntity = AgentMetricEntity = __decorate([
    (0, typeorm_1.Entity)('agent_metrics'),
    (0, typeorm_1.Index)('ix_agent_metrics_name_time', ['name', 'recordedAt']),
    (0, typeorm_1.Index)('ix_agent_metrics_agent_name_time', ['agentId', 'name', 'recordedAt'])
], AgentMetricEntity);
//# sourceMappingURL=agent-metric.entity.js.map