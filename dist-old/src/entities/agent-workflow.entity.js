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
exports.AgentWorkflowEntity = void 0;
const typeorm_1 = require("typeorm");
/** One version of a named workflow definition; versions are never changed once stored. */
let AgentWorkflowEntity = class AgentWorkflowEntity {
    id;
    name;
    version;
    definition;
    source;
    createdBy;
    createdAt;
};
exports.AgentWorkflowEntity = AgentWorkflowEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)('uuid'),
    __metadata("design:type", String)
], AgentWorkflowEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)('text'),
    __metadata("design:type", String)
], AgentWorkflowEntity.prototype, "name", void 0);
__decorate([
    (0, typeorm_1.Column)('integer'),
    __metadata("design:type", Number)
], AgentWorkflowEntity.prototype, "version", void 0);
__decorate([
    (0, typeorm_1.Column)('jsonb'),
    __metadata("design:type", Object)
], AgentWorkflowEntity.prototype, "definition", void 0);
__decorate([
    (0, typeorm_1.Column)('text'),
    __metadata("design:type", String)
], AgentWorkflowEntity.prototype, "source", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { name: 'created_by', nullable: true }),
    __metadata("design:type", Object)
], AgentWorkflowEntity.prototype, "createdBy", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'created_at', default: () => 'now()' }),
    __metadata("design:type", Date)
], AgentWorkflowEntity.prototype, "createdAt", void 0);
exports.AgentWorkflowEntity = AgentWorkflowEntity = __decorate([
    (0, typeorm_1.Entity)('agent_workflows'),
    (0, typeorm_1.Index)('uq_agent_workflows_name_version', ['name', 'version'], { unique: true }),
    (0, typeorm_1.Index)('ix_agent_workflows_created', ['createdAt', 'id'])
], AgentWorkflowEntity);
//# sourceMappingURL=agent-workflow.entity.js.map