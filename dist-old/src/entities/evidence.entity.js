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
exports.EvidenceEntity = void 0;
const typeorm_1 = require("typeorm");
const agent_instance_entity_1 = require("./agent-instance.entity");
/** One link of an agent's evidence hash chain; seq orders the chain and forbids forks. */
let EvidenceEntity = class EvidenceEntity {
    id;
    agentId;
    taskId;
    seq;
    source;
    kind;
    externalId;
    /** The provider's version of the record (a finding's updatedAt), for de-duplication. */
    externalVersion;
    data;
    sha256;
    prevSha256;
    signature;
    /** Fingerprint of the public key that signed it. */
    keyId;
    collectedAt;
};
exports.EvidenceEntity = EvidenceEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)('uuid'),
    __metadata("design:type", String)
], EvidenceEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)('uuid', { name: 'agent_id' }),
    (0, typeorm_1.ForeignKey)(() => agent_instance_entity_1.AgentInstanceEntity, { name: 'fk_evidence_agent' }),
    __metadata("design:type", String)
], EvidenceEntity.prototype, "agentId", void 0);
__decorate([
    (0, typeorm_1.Column)('uuid', { name: 'task_id', nullable: true }),
    __metadata("design:type", Object)
], EvidenceEntity.prototype, "taskId", void 0);
__decorate([
    (0, typeorm_1.Column)('integer'),
    __metadata("design:type", Number)
], EvidenceEntity.prototype, "seq", void 0);
__decorate([
    (0, typeorm_1.Column)('text'),
    __metadata("design:type", String)
], EvidenceEntity.prototype, "source", void 0);
__decorate([
    (0, typeorm_1.Column)('text'),
    __metadata("design:type", String)
], EvidenceEntity.prototype, "kind", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { name: 'external_id', nullable: true }),
    __metadata("design:type", Object)
], EvidenceEntity.prototype, "externalId", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { name: 'external_version', nullable: true }),
    __metadata("design:type", Object)
], EvidenceEntity.prototype, "externalVersion", void 0);
__decorate([
    (0, typeorm_1.Column)('jsonb'),
    __metadata("design:type", Object)
], EvidenceEntity.prototype, "data", void 0);
__decorate([
    (0, typeorm_1.Column)('text'),
    __metadata("design:type", String)
], EvidenceEntity.prototype, "sha256", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { name: 'prev_sha256', nullable: true }),
    __metadata("design:type", Object)
], EvidenceEntity.prototype, "prevSha256", void 0);
__decorate([
    (0, typeorm_1.Column)('text'),
    __metadata("design:type", String)
], EvidenceEntity.prototype, "signature", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { name: 'key_id' }),
    __metadata("design:type", String)
], EvidenceEntity.prototype, "keyId", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'collected_at', default: () => 'now()' }),
    __metadata("design:type", Date)
], EvidenceEntity.prototype, "collectedAt", void 0);
exports.EvidenceEntity = EvidenceEntity = __decorate([
    (0, typeorm_1.Entity)('evidence'),
    (0, typeorm_1.Index)('uq_evidence_agent_seq', ['agentId', 'seq'], { unique: true }),
    (0, typeorm_1.Index)('ix_evidence_agent_collected', ['agentId', 'collectedAt']),
    (0, typeorm_1.Index)('ix_evidence_agent_kind', ['agentId', 'kind', 'seq']),
    (0, typeorm_1.Index)('uq_evidence_external_version', ['agentId', 'kind', 'externalId', 'externalVersion'], {
        unique: true,
        where: 'external_id IS NOT NULL AND external_version IS NOT NULL',
    })
], EvidenceEntity);
//# sourceMappingURL=evidence.entity.js.map