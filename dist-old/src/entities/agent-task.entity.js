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
exports.AgentTaskEntity = void 0;
const typeorm_1 = require("typeorm");
const agent_instance_entity_1 = require("./agent-instance.entity");
const workflow_run_entity_1 = require("./workflow-run.entity");
/** A task's whole history. graphile-worker deletes its job rows; this row stays forever. */
let AgentTaskEntity = class AgentTaskEntity {
    id;
    agentId;
    type;
    status;
    payload;
    result;
    error;
    attempts;
    maxAttempts;
    priority;
    runAt;
    timeoutSeconds;
    idempotencyKey;
    workflowRunId;
    stepId;
    /** Who asked for it: an API key's name, "system", or "schedule:<id>". */
    createdBy;
    /** The worker process running the current attempt. */
    workerId;
    /** Set while the task waits for a free slot of its agent's maxConcurrency (it has no job then). */
    blockedAt;
    cancelRequestedAt;
    queuedAt;
    createdAt;
    updatedAt;
    startedAt;
    completedAt;
    durationMs;
};
exports.AgentTaskEntity = AgentTaskEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)('uuid'),
    __metadata("design:type", String)
], AgentTaskEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)('uuid', { name: 'agent_id' }),
    (0, typeorm_1.ForeignKey)(() => agent_instance_entity_1.AgentInstanceEntity, { name: 'fk_agent_tasks_agent' }),
    __metadata("design:type", String)
], AgentTaskEntity.prototype, "agentId", void 0);
__decorate([
    (0, typeorm_1.Column)('text'),
    __metadata("design:type", String)
], AgentTaskEntity.prototype, "type", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { default: 'QUEUED' }),
    __metadata("design:type", String)
], AgentTaskEntity.prototype, "status", void 0);
__decorate([
    (0, typeorm_1.Column)('jsonb', { default: () => "'{}'" }),
    __metadata("design:type", Object)
], AgentTaskEntity.prototype, "payload", void 0);
__decorate([
    (0, typeorm_1.Column)('jsonb', { nullable: true }),
    __metadata("design:type", Object)
], AgentTaskEntity.prototype, "result", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { nullable: true }),
    __metadata("design:type", Object)
], AgentTaskEntity.prototype, "error", void 0);
__decorate([
    (0, typeorm_1.Column)('integer', { default: 0 }),
    __metadata("design:type", Number)
], AgentTaskEntity.prototype, "attempts", void 0);
__decorate([
    (0, typeorm_1.Column)('integer', { name: 'max_attempts', default: 3 }),
    __metadata("design:type", Number)
], AgentTaskEntity.prototype, "maxAttempts", void 0);
__decorate([
    (0, typeorm_1.Column)('integer', { default: 0 }),
    __metadata("design:type", Number)
], AgentTaskEntity.prototype, "priority", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'run_at', nullable: true }),
    __metadata("design:type", Object)
], AgentTaskEntity.prototype, "runAt", void 0);
__decorate([
    (0, typeorm_1.Column)('integer', { name: 'timeout_seconds', nullable: true }),
    __metadata("design:type", Object)
], AgentTaskEntity.prototype, "timeoutSeconds", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { name: 'idempotency_key', nullable: true }),
    __metadata("design:type", Object)
], AgentTaskEntity.prototype, "idempotencyKey", void 0);
__decorate([
    (0, typeorm_1.Column)('uuid', { name: 'workflow_run_id', nullable: true }),
    (0, typeorm_1.ForeignKey)(() => workflow_run_entity_1.WorkflowRunEntity, { name: 'fk_agent_tasks_workflow_run' }),
    __metadata("design:type", Object)
], AgentTaskEntity.prototype, "workflowRunId", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { name: 'step_id', nullable: true }),
    __metadata("design:type", Object)
], AgentTaskEntity.prototype, "stepId", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { name: 'created_by', nullable: true }),
    __metadata("design:type", Object)
], AgentTaskEntity.prototype, "createdBy", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { name: 'worker_id', nullable: true }),
    __metadata("design:type", Object)
], AgentTaskEntity.prototype, "workerId", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'blocked_at', nullable: true }),
    __metadata("design:type", Object)
], AgentTaskEntity.prototype, "blockedAt", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'cancel_requested_at', nullable: true }),
    __metadata("design:type", Object)
], AgentTaskEntity.prototype, "cancelRequestedAt", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'queued_at', default: () => 'now()' }),
    __metadata("design:type", Date)
], AgentTaskEntity.prototype, "queuedAt", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'created_at', default: () => 'now()' }),
    __metadata("design:type", Date)
], AgentTaskEntity.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'updated_at', default: () => 'now()' }),
    __metadata("design:type", Date)
], AgentTaskEntity.prototype, "updatedAt", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'started_at', nullable: true }),
    __metadata("design:type", Object)
], AgentTaskEntity.prototype, "startedAt", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'completed_at', nullable: true }),
    __metadata("design:type", Object)
], AgentTaskEntity.prototype, "completedAt", void 0);
__decorate([
    (0, typeorm_1.Column)('integer', { name: 'duration_ms', nullable: true }),
    __metadata("design:type", Object)
], AgentTaskEntity.prototype, "durationMs", void 0);
exports.AgentTaskEntity = AgentTaskEntity = __decorate([
    (0, typeorm_1.Entity)('agent_tasks'),
    (0, typeorm_1.Index)('ix_agent_tasks_agent_status', ['agentId', 'status']),
    (0, typeorm_1.Index)('ix_agent_tasks_status', ['status']),
    (0, typeorm_1.Index)('ix_agent_tasks_created', ['createdAt', 'id']),
    (0, typeorm_1.Index)('ix_agent_tasks_workflow_run', ['workflowRunId']),
    (0, typeorm_1.Index)('ix_agent_tasks_blocked', ['agentId', 'blockedAt'], { where: "status = 'QUEUED' AND blocked_at IS NOT NULL" }),
    (0, typeorm_1.Index)('ix_agent_tasks_worker_running', ['workerId'], { where: "status = 'RUNNING'" }),
    (0, typeorm_1.Index)('ix_agent_tasks_completed', ['completedAt'], { where: 'completed_at IS NOT NULL' }),
    (0, typeorm_1.Index)('uq_agent_tasks_idempotency_key', ['idempotencyKey'], { unique: true, where: 'idempotency_key IS NOT NULL' })
], AgentTaskEntity);
//# sourceMappingURL=agent-task.entity.js.map