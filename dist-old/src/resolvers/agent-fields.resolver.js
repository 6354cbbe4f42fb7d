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
exports.AgentFieldsResolver = void 0;
const type_graphql_1 = require("type-graphql");
const metric_type_1 = require("../schema/types/metric.type");
const enums_1 = require("../schema/enums");
const agent_type_1 = require("../schema/types/agent.type");
const agent_log_type_1 = require("../schema/types/agent-log.type");
const connection_type_1 = require("../schema/types/connection.type");
const task_type_1 = require("../schema/types/task.type");
const views_1 = require("./views");
/** Agent's relation fields, each through a per-request loader: no query per agent. */
let AgentFieldsResolver = class AgentFieldsResolver {
    async health(agent, { loaders }) {
        const figures = await loaders.agentHealth.load(agent.id);
        return { ...figures, status: agent.status, lastActiveAt: figures.lastActiveAt ?? agent.lastActiveAt };
    }
    async tasks(agent, { loaders }, status, first, after) {
        const page = await loaders.agentTasks.load({ agentId: agent.id, filter: status ?? null, first, after: after ?? null });
        return (0, connection_type_1.toConnection)(page, views_1.taskView);
    }
    async logs(agent, { loaders }, minLevel, first, after) {
        const page = await loaders.agentLogs.load({ agentId: agent.id, filter: minLevel ?? null, first, after: after ?? null });
        return (0, connection_type_1.toConnection)(page, views_1.logView);
    }
    async metrics(agent, { loaders }, name, since, bucketSeconds) {
        return loaders.agentMetrics.load({ agentId: agent.id, name, since: since == null ? null : since.toISOString(), bucketSeconds });
    }
};
exports.AgentFieldsResolver = AgentFieldsResolver;
__decorate([
    (0, type_graphql_1.FieldResolver)(() => agent_type_1.AgentHealth),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [agent_type_1.Agent, Object]),
    __metadata("design:returntype", Promise)
], AgentFieldsResolver.prototype, "health", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => task_type_1.TaskConnection),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __param(2, (0, type_graphql_1.Arg)('status', () => enums_1.TaskStatus, { nullable: true })),
    __param(3, (0, type_graphql_1.Arg)('first', () => type_graphql_1.Int, { nullable: true, defaultValue: 20 })),
    __param(4, (0, type_graphql_1.Arg)('after', () => String, { nullable: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [agent_type_1.Agent, Object, Object, Number, Object]),
    __metadata("design:returntype", Promise)
], AgentFieldsResolver.prototype, "tasks", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => agent_log_type_1.AgentLogConnection),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __param(2, (0, type_graphql_1.Arg)('minLevel', () => enums_1.LogLevel, { nullable: true })),
    __param(3, (0, type_graphql_1.Arg)('first', () => type_graphql_1.Int, { nullable: true, defaultValue: 50 })),
    __param(4, (0, type_graphql_1.Arg)('after', () => String, { nullable: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [agent_type_1.Agent, Object, Object, Number, Object]),
    __metadata("design:returntype", Promise)
], AgentFieldsResolver.prototype, "logs", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => [metric_type_1.MetricPoint]),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __param(2, (0, type_graphql_1.Arg)('name', () => String)),
    __param(3, (0, type_graphql_1.Arg)('since', () => Date, { nullable: true })),
    __param(4, (0, type_graphql_1.Arg)('bucketSeconds', () => type_graphql_1.Int, { nullable: true, defaultValue: 60 })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [agent_type_1.Agent, Object, String, Object, Number]),
    __metadata("design:returntype", Promise)
], AgentFieldsResolver.prototype, "metrics", null);
exports.AgentFieldsResolver = AgentFieldsResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => agent_type_1.Agent)
], AgentFieldsResolver);
//# sourceMappingURL=agent-fields.resolver.js.map