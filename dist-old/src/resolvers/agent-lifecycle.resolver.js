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
exports.AgentLifecycleResolver = void 0;
const type_graphql_1 = require("type-graphql");
const enums_1 = require("../schema/enums");
const agent_type_1 = require("../schema/types/agent.type");
const context_1 = require("./context");
const views_1 = require("./views");
let AgentLifecycleResolver = class AgentLifecycleResolver {
    async startAgent(context, id) {
        return (0, views_1.agentView)(await context.services.lifecycle.start((0, context_1.actorOf)(context), id), context.services.registry);
    }
    async stopAgent(context, id) {
        return (0, views_1.agentView)(await context.services.lifecycle.stop((0, context_1.actorOf)(context), id), context.services.registry);
    }
};
exports.AgentLifecycleResolver = AgentLifecycleResolver;
__decorate([
    (0, type_graphql_1.Authorized)(enums_1.Role.OPERATOR),
    (0, type_graphql_1.Mutation)(() => agent_type_1.Agent, { description: 'Returns at STARTING; RUNNING (or ERROR) follows.' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], AgentLifecycleResolver.prototype, "startAgent", null);
__decorate([
    (0, type_graphql_1.Authorized)(enums_1.Role.OPERATOR),
    (0, type_graphql_1.Mutation)(() => agent_type_1.Agent, { description: 'Running tasks finish, queued ones are cancelled.' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], AgentLifecycleResolver.prototype, "stopAgent", null);
exports.AgentLifecycleResolver = AgentLifecycleResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => agent_type_1.Agent)
], AgentLifecycleResolver);
//# sourceMappingURL=agent-lifecycle.resolver.js.map