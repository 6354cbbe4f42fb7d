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
exports.WorkflowRunEntity = void 0;
const typeorm_1 = require("typeorm");
const agent_workflow_entity_1 = require("./agent-workflow.entity");
let WorkflowRunEntity = class WorkflowRunEntity {
    id;
    workflowId;
    status;
    input;
    error;
    createdBy;
    createdAt;
    updatedAt;
    startedAt;
    completedAt;
};
exports.WorkflowRunEntity = WorkflowRunEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)('uuid'),
    __metadata("design:type", String)
], WorkflowRunEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)('uuid', { name: 'workflow_id' }),
    (0, typeorm_1.ForeignKey)(() => agent_workflow_entity_1.AgentWorkflowEntity, { name: 'fk_workflow_runs_workflow' }),
    __metadata("design:type", String)
], WorkflowRunEntity.prototype, "workflowId", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { default: 'PENDING' }),
    __metadata("design:type", String)
], WorkflowRunEntity.prototype, "status", void 0);
__decorate([
    (0, typeorm_1.Column)('jsonb', { nullable: true }),
    __metadata("design:type", Object)
], WorkflowRunEntity.prototype, "input", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { nullable: true }),
    __metadata("design:type", Object)
], WorkflowRunEntity.prototype, "error", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { name: 'created_by', nullable: true }),
    __metadata("design:type", Object)
], WorkflowRunEntity.prototype, "createdBy", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'created_at', default: () => 'now()' }),
    __metadata("design:type", Date)
], WorkflowRunEntity.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'updated_at', default: () => 'now()' }),
    __metadata("design:type", Date)
], WorkflowRunEntity.prototype, "updatedAt", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'started_at', nullable: true }),
    __metadata("design:type", Object)
], WorkflowRunEntity.prototype, "startedAt", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'completed_at', nullable: true }),
    __metadata("design:type", Object)
], WorkflowRunEntity.prototype, "completedAt", void 0);
exports.WorkflowRunEntity = WorkflowRunEntity = __decorate([
    (0, typeorm_1.Entity)('workflow_runs'),
    (0, typeorm_1.Index)('ix_workflow_runs_workflow_created', ['workflowId', 'createdAt', 'id']),
    (0, typeorm_1.Index)('ix_workflow_runs_status', ['status'])
], WorkflowRunEntity);
//# sourceMappingURL=workflow-run.entity.js.map