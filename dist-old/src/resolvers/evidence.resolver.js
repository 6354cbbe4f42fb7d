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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.EvidenceResolver = void 0;
const type_graphql_1 = require("type-graphql");
const agent_type_1 = require("../schema/types/agent.type");
const connection_type_1 = require("../schema/types/connection.type");
const evidence_type_1 = require("../schema/types/evidence.type");
const task_type_1 = require("../schema/types/task.type");
const domain_error_1 = require("../services/errors/domain-error");
const views_1 = require("./views");
let EvidenceResolver = class EvidenceResolver {
    async evidence({ services }, agentId, kind, first, after) {
        const page = await services.evidence.list({ agentId, kind }, first, after);
        return (0, connection_type_1.toConnection)(page, views_1.evidenceView);
    }
    async verifyEvidence({ services }, agentId) {
        return services.evidence.verify(agentId);
    }
    async agent(evidence, { loaders, services }) {
        const entity = await loaders.agentById.load(evidence.agentId);
        // The foreign key and soft deletion mean the agent row always exists.
        if (entity === null)
            throw (0, domain_error_1.notFound)('agent', evidence.agentId);
        return (0, views_1.agentView)(entity, services.registry);
    }
    async task(evidence, { loaders }) {
        if (evidence.taskId === null)
            return null;
        const task = await loaders.taskById.load(evidence.taskId);
        return task === null ? null : (0, views_1.taskView)(task);
    }
};
exports.EvidenceResolver = EvidenceResolver;
__decorate([
    (0, type_graphql_1.Authorized)(),
    (0, type_graphql_1.Query)(() => evidence_type_1.EvidenceConnection, { description: 'Collected evidence, newest first.' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('agentId', () => type_graphql_1.ID, { nullable: true })),
    __param(2, (0, type_graphql_1.Arg)('kind', () => String, { nullable: true })),
    __param(3, (0, type_graphql_1.Arg)('first', () => type_graphql_1.Int, { nullable: true, defaultValue: 20 })),
    __param(4, (0, type_graphql_1.Arg)('after', () => String, { nullable: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object, Object, Number, Object]),
    __metadata("design:returntype", Promise)
], EvidenceResolver.prototype, "evidence", null);
__decorate([
    (0, type_graphql_1.Authorized)(),
    (0, type_graphql_1.Query)(() => evidence_type_1.EvidenceVerification, { description: "Walks the agent's evidence chain and names the first record that breaks it." }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('agentId', () => type_graphql_1.ID)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], EvidenceResolver.prototype, "verifyEvidence", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => agent_type_1.Agent),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [evidence_type_1.Evidence, Object]),
    __metadata("design:returntype", Promise)
], EvidenceResolver.prototype, "agent", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => task_type_1.Task, { nullable: true }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [evidence_type_1.Evidence, Object]),
    __metadata("design:returntype", Promise)
], EvidenceResolver.prototype, "task", null);
exports.EvidenceResolver = EvidenceResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => evidence_type_1.Evidence)
], EvidenceResolver);
//# sourceMappingURL=evidence.resolver.js.map