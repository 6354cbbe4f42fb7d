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
exports.AgentResolver = void 0;
const type_graphql_1 = require("type-graphql");
const enums_1 = require("../schema/enums");
const agent_inputs_1 = require("../schema/inputs/agent.inputs");
const agent_type_1 = require("../schema/types/agent.type");
const connection_type_1 = require("../schema/types/connection.type");
const context_1 = require("./context");
const views_1 = require("./views");
let AgentResolver = class AgentResolver {
    agentTypes({ services }) {
        return services.registry.list().map((type) => ({
            key: type.key,
            description: type.description,
            configSchema: type.configSchema,
            taskTypes: Object.keys(type.taskTypes),
        }));
    }
    async agents({ services }, filter, first, after) {
        const page = await services.agents.list(filter ?? {}, { first, after });
        return (0, connection_type_1.toConnection)(page, (entity) => (0, views_1.agentView)(entity, services.registry));
    }
    async agent({ services }, id) {
        const entity = await services.agents.get(id);
        return entity === null ? null : (0, views_1.agentView)(entity, services.registry);
    }
    async createAgent(context, input) {
        const entity = await context.services.agents.create((0, context_1.actorOf)(context), input);
        return (0, views_1.agentView)(entity, context.services.registry);
    }
    async updateAgent(context, id, input) {
        const entity = await context.services.agents.update((0, context_1.actorOf)(context), id, input);
        return (0, views_1.agentView)(entity, context.services.registry);
    }
    async deleteAgent(context, id) {
        return context.services.agents.delete((0, context_1.actorOf)(context), id);
    }
};
exports.AgentResolver = AgentResolver;
__decorate([
    (0, type_graphql_1.Authorized)(),
    (0, type_graphql_1.Query)(() => [agent_type_1.AgentTypeInfo]),
    __param(0, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Array)
], AgentResolver.prototype, "agentTypes", null);
__decorate([
    (0, type_graphql_1.Authorized)(),
    (0, type_graphql_1.Query)(() => agent_type_1.AgentConnection),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('filter', () => agent_inputs_1.AgentFilterInput, { nullable: true })),
    __param(2, (0, type_graphql_1.Arg)('first', () => type_graphql_1.Int, { nullable: true, defaultValue: 20 })),
    __param(3, (0, type_graphql_1.Arg)('after', () => String, { nullable: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object, Number, Object]),
    __metadata("design:returntype", Promise)
], AgentResolver.prototype, "agents", null);
__decorate([
    (0, type_graphql_1.Authorized)(),
    (0, type_graphql_1.Query)(() => agent_type_1.Agent, { nullable: true }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], AgentResolver.prototype, "agent", null);
__decorate([
    (0, type_graphql_1.Authorized)(enums_1.Role.ADMIN),
    (0, type_graphql_1.Mutation)(() => agent_type_1.Agent),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('input', () => agent_inputs_1.CreateAgentInput)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, agent_inputs_1.CreateAgentInput]),
    __metadata("design:returntype", Promise)
], AgentResolver.prototype, "createAgent", null);
__decorate([
    (0, type_graphql_1.Authorized)(enums_1.Role.ADMIN),
    (0, type_graphql_1.Mutation)(() => agent_type_1.Agent),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __param(2, (0, type_graphql_1.Arg)('input', () => agent_inputs_1.UpdateAgentInput)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String, agent_inputs_1.UpdateAgentInput]),
    __metadata("design:returntype", Promise)
], AgentResolver.prototype, "updateAgent", null);
__decorate([
    (0, type_graphql_1.Authorized)(enums_1.Role.ADMIN),
    (0, type_graphql_1.Mutation)(() => Boolean, { description: 'Hides the agent and frees its name; refuses while its tasks run.' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], AgentResolver.prototype, "deleteAgent", null);
exports.AgentResolver = AgentResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => agent_type_1.Agent)
], AgentResolver);
//# sourceMappingURL=agent.resolver.js.map