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
exports.AuditLogResolver = void 0;
const type_graphql_1 = require("type-graphql");
const enums_1 = require("../schema/enums");
const agent_type_1 = require("../schema/types/agent.type");
const agent_log_type_1 = require("../schema/types/agent-log.type");
const connection_type_1 = require("../schema/types/connection.type");
const views_1 = require("./views");
let AuditLogResolver = class AuditLogResolver {
    async auditLog({ services }, agentId, actor, minLevel, first, after) {
        const page = await services.auditLog.list({ agentId, actor, minLevel }, first, after);
        return (0, connection_type_1.toConnection)(page, views_1.logView);
    }
    async agent(line, { loaders, services }) {
        if (line.agentId === null)
            return null;
        const entity = await loaders.agentById.load(line.agentId);
        return entity === null ? null : (0, views_1.agentView)(entity, services.registry);
    }
};
exports.AuditLogResolver = AuditLogResolver;
__decorate([
    (0, type_graphql_1.Authorized)(),
    (0, type_graphql_1.Query)(() => agent_log_type_1.AgentLogConnection, { description: 'The audit log, newest first.' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('agentId', () => type_graphql_1.ID, { nullable: true })),
    __param(2, (0, type_graphql_1.Arg)('actor', () => String, { nullable: true })),
    __param(3, (0, type_graphql_1.Arg)('minLevel', () => enums_1.LogLevel, { nullable: true })),
    __param(4, (0, type_graphql_1.Arg)('first', () => type_graphql_1.Int, { nullable: true, defaultValue: 50 })),
    __param(5, (0, type_graphql_1.Arg)('after', () => String, { nullable: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object, Object, Object, Number, Object]),
    __metadata("design:returntype", Promise)
], AuditLogResolver.prototype, "auditLog", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => agent_type_1.Agent, { nullable: true }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [agent_log_type_1.AgentLog, Object]),
    __metadata("design:returntype", Promise)
], AuditLogResolver.prototype, "agent", null);
exports.AuditLogResolver = AuditLogResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => agent_log_type_1.AgentLog)
], AuditLogResolver);
//# sourceMappingURL=audit-log.resolver.js.map