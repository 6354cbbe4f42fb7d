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
exports.EventColumns = void 0;
const typeorm_1 = require("typeorm");
/**
 * The columns of an event, shared by `events` (numbered) and `event_outbox` (waiting for its
 * number): the sequencer copies one into the other column for column.
 */
class EventColumns {
    kind;
    at;
    agentId;
    taskId;
    workflowRunId;
    status;
    previousStatus;
    data;
    actor;
    correlationId;
}
exports.EventColumns = EventColumns;
__decorate([
    (0, typeorm_1.Column)('text'),
    __metadata("design:type", String)
], EventColumns.prototype, "kind", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { default: () => 'now()' }),
    __metadata("design:type", Date)
], EventColumns.prototype, "at", void 0);
__decorate([
    (0, typeorm_1.Column)('uuid', { name: 'agent_id', nullable: true }),
    __metadata("design:type", Object)
], EventColumns.prototype, "agentId", void 0);
__decorate([
    (0, typeorm_1.Column)('uuid', { name: 'task_id', nullable: true }),
    __metadata("design:type", Object)
], EventColumns.prototype, "taskId", void 0);
__decorate([
    (0, typeorm_1.Column)('uuid', { name: 'workflow_run_id', nullable: true }),
    __metadata("design:type", Object)
], EventColumns.prototype, "workflowRunId", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { nullable: true }),
    __metadata("design:type", Object)
], EventColumns.prototype, "status", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { name: 'previous_status', nullable: true }),
    __metadata("design:type", Object)
], EventColumns.prototype, "previousStatus", void 0);
__decorate([
    (0, typeorm_1.Column)('jsonb', { nullable: true }),
    __metadata("design:type", Object)
], EventColumns.prototype, "data", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { nullable: true }),
    __metadata("design:type", Object)
], EventColumns.prototype, "actor", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { name: 'correlation_id', nullable: true }),
    __metadata("design:type", Object)
], EventColumns.prototype, "correlationId", void 0);
//# sourceMappingURL=event-columns.entity.js.map