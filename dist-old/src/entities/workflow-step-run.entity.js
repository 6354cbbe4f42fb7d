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
exports.WorkflowStepRunEntity = void 0;
const typeorm_1 = require("typeorm");
const workflow_run_entity_1 = require("./workflow-run.entity");
let WorkflowStepRunEntity = class WorkflowStepRunEntity {
    id;
    runId;
    stepId;
    /** Position in the definition's topological order, for stable listing. */
    position;
    status;
    taskId;
    attempts;
    output;
    error;
    startedAt;
    completedAt;
};
exports.WorkflowStepRunEntity = WorkflowStepRunEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)('uuid'),
    __metadata("design:type", String)
], WorkflowStepRunEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)('uuid', { name: 'run_id' }),
    (0, typeorm_1.ForeignKey)(() => workflow_run_entity_1.WorkflowRunEntity, { name: 'fk_workflow_step_runs_run' }),
    __metadata("design:type", String)
], WorkflowStepRunEntity.prototype, "runId", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { name: 'step_id' }),
    __metadata("design:type", String)
], WorkflowStepRunEntity.prototype, "stepId", void 0);
__decorate([
    (0, typeorm_1.Column)('integer', { default: 0 }),
    __metadata("design:type", Number)
], WorkflowStepRunEntity.prototype, "position", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { default: 'PENDING' }),
    __metadata("design:type", String)
], WorkflowStepRunEntity.prototype, "status", void 0);
__decorate([
    (0, typeorm_1.Column)('uuid', { name: 'task_id', nullable: true }),
    __metadata("design:type", Object)
], WorkflowStepRunEntity.prototype, "taskId", void 0);
__decorate([
    (0, typeorm_1.Column)('integer', { default: 0 }),
    __metadata("design:type", Number)
], WorkflowStepRunEntity.prototype, "attempts", void 0);
__decorate([
    (0, typeorm_1.Column)('jsonb', { nullable: true }),
    __metadata("design:type", Object)
], WorkflowStepRunEntity.prototype, "output", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { nullable: true }),
    __metadata("design:type", Object)
], WorkflowStepRunEntity.prototype, "error", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'started_at', nullable: true }),
    __metadata("design:type", Object)
], WorkflowStepRunEntity.prototype, "startedAt", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'completed_at', nullable: true }),
    __metadata("design:type", Object)
], WorkflowStepRunEntity.prototype, "completedAt", void 0);
exports.WorkflowStepRunEntity = WorkflowStepRunEntity = __decorate([
    (0, typeorm_1.Entity)('workflow_step_runs'),
    (0, typeorm_1.Index)('uq_workflow_step_runs_run_step', ['runId', 'stepId'], { unique: true }),
    (0, typeorm_1.Index)('ix_workflow_step_runs_task', ['taskId'])
], WorkflowStepRunEntity);
//# sourceMappingURL=workflow-step-run.entity.js.map