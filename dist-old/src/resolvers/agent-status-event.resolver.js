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
exports.AgentStatusEventResolver = void 0;
const type_graphql_1 = require("type-graphql");
const agent_type_1 = require("../schema/types/agent.type");
const agent_config_1 = require("../services/agents/agent-config");
const live_views_1 = require("./live-views");
const selection_1 = require("./selection");
let AgentStatusEventResolver = class AgentStatusEventResolver {
    /**
     * The agent as of the event (its snapshot), so a quick succession of changes is told
     * faithfully. Only `config`, which events never carry, is read, and only when selected,
     * through the per-event loader (subscriptions get fresh loaders for every event).
     */
    async agent(root, { loaders, services }, info) {
        if (!(0, selection_1.selectsField)(info, 'config'))
            return (0, live_views_1.agentFromSnapshot)(root.snapshot, {}, null);
        const entity = await loaders.agentById.load(root.snapshot.id);
        if (entity === null)
            return (0, live_views_1.agentFromSnapshot)(root.snapshot, {}, null);
        return (0, live_views_1.agentFromSnapshot)(root.snapshot, (0, agent_config_1.maskConfig)(services.registry.get(entity.type), entity.config), entity.deletedAt);
    }
};
exports.AgentStatusEventResolver = AgentStatusEventResolver;
__decorate([
    (0, type_graphql_1.FieldResolver)(() => agent_type_1.Agent),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __param(2, (0, type_graphql_1.Info)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object, Object]),
    __metadata("design:returntype", Promise)
], AgentStatusEventResolver.prototype, "agent", null);
exports.AgentStatusEventResolver = AgentStatusEventResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => agent_type_1.AgentStatusEvent)
], AgentStatusEventResolver);
//# sourceMappingURL=agent-status-event.resolver.js.map