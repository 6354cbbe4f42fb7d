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
exports.ApiKeyEntity = void 0;
const typeorm_1 = require("typeorm");
/** An API key: only the SHA-256 of its secret is stored, with a short plain prefix to recognise it. */
let ApiKeyEntity = class ApiKeyEntity {
    id;
    name;
    role;
    prefix;
    hash;
    createdBy;
    createdAt;
    lastUsedAt;
    revokedAt;
};
exports.ApiKeyEntity = ApiKeyEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)('uuid'),
    __metadata("design:type", String)
], ApiKeyEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)('text'),
    __metadata("design:type", String)
], ApiKeyEntity.prototype, "name", void 0);
__decorate([
    (0, typeorm_1.Column)('text'),
    __metadata("design:type", String)
], ApiKeyEntity.prototype, "role", void 0);
__decorate([
    (0, typeorm_1.Column)('text'),
    __metadata("design:type", String)
], ApiKeyEntity.prototype, "prefix", void 0);
__decorate([
    (0, typeorm_1.Column)('text'),
    __metadata("design:type", String)
], ApiKeyEntity.prototype, "hash", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { name: 'created_by', nullable: true }),
    __metadata("design:type", Object)
], ApiKeyEntity.prototype, "createdBy", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'created_at', default: () => 'now()' }),
    __metadata("design:type", Date)
], ApiKeyEntity.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'last_used_at', nullable: true }),
    __metadata("design:type", Object)
], ApiKeyEntity.prototype, "lastUsedAt", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'revoked_at', nullable: true }),
    __metadata("design:type", Object)
], ApiKeyEntity.prototype, "revokedAt", void 0);
exports.ApiKeyEntity = ApiKeyEntity = __decorate([
    (0, typeorm_1.Entity)('api_keys'),
    (0, typeorm_1.Index)('uq_api_keys_live_name', ['name'], { unique: true, where: 'revoked_at IS NULL' }),
    (0, typeorm_1.Index)('uq_api_keys_hash', ['hash'], { unique: true })
], ApiKeyEntity);
//# sourceMappingURL=api-key.entity.js.map