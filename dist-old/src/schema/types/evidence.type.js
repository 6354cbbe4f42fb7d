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
exports.EvidenceVerification = exports.EvidenceConnection = exports.Evidence = void 0;
const type_graphql_1 = require("type-graphql");
const scalars_1 = require("../scalars");
const connection_type_1 = require("./connection.type");
const node_type_1 = require("./node.type");
/**
 * One piece of collected compliance evidence, a link of its agent's hash chain.
 * `agent` and `task` are resolved through the per-request loaders.
 */
let Evidence = class Evidence extends node_type_1.Node {
    agentId;
    taskId;
    source;
    kind;
    externalId;
    data;
    sha256;
    prevSha256;
    signature;
    collectedAt;
};
exports.Evidence = Evidence;
__decorate([
    (0, type_graphql_1.Field)(() => String),
    __metadata("design:type", String)
], Evidence.prototype, "source", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String),
    __metadata("design:type", String)
], Evidence.prototype, "kind", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], Evidence.prototype, "externalId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.JSONScalar),
    __metadata("design:type", Object)
], Evidence.prototype, "data", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String),
    __metadata("design:type", String)
], Evidence.prototype, "sha256", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], Evidence.prototype, "prevSha256", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String),
    __metadata("design:type", String)
], Evidence.prototype, "signature", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date),
    __metadata("design:type", Date)
], Evidence.prototype, "collectedAt", void 0);
exports.Evidence = Evidence = __decorate([
    (0, type_graphql_1.ObjectType)('Evidence', { implements: node_type_1.Node })
], Evidence);
exports.EvidenceConnection = (0, connection_type_1.connectionOf)('Evidence', Evidence);
let EvidenceVerification = class EvidenceVerification {
    ok;
    checked;
    firstBadId;
    reason;
    publicKey;
};
exports.EvidenceVerification = EvidenceVerification;
__decorate([
    (0, type_graphql_1.Field)(() => Boolean),
    __metadata("design:type", Boolean)
], EvidenceVerification.prototype, "ok", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], EvidenceVerification.prototype, "checked", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true }),
    __metadata("design:type", Object)
], EvidenceVerification.prototype, "firstBadId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], EvidenceVerification.prototype, "reason", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { description: 'The Ed25519 public key (PEM) that verifies the signatures.' }),
    __metadata("design:type", String)
], EvidenceVerification.prototype, "publicKey", void 0);
exports.EvidenceVerification = EvidenceVerification = __decorate([
    (0, type_graphql_1.ObjectType)('EvidenceVerification')
], EvidenceVerification);
//# sourceMappingURL=evidence.type.js.map