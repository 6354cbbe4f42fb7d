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
exports.ScheduleResolver = void 0;
const type_graphql_1 = require("type-graphql");
const enums_1 = require("../schema/enums");
const schedule_inputs_1 = require("../schema/inputs/schedule.inputs");
const agent_type_1 = require("../schema/types/agent.type");
const schedule_type_1 = require("../schema/types/schedule.type");
const context_1 = require("./context");
const views_1 = require("./views");
function scheduleView(entity) {
    return {
        id: entity.id,
        agentId: entity.agentId,
        taskType: entity.taskType,
        payload: entity.payload,
        cron: entity.cron,
        enabled: entity.enabled,
        lastRunAt: entity.lastRunAt,
        nextRunAt: entity.nextRunAt,
        createdAt: entity.createdAt,
    };
}
let ScheduleResolver = class ScheduleResolver {
    async schedules({ services }, agentId) {
        return (await services.schedules.list(agentId)).map(scheduleView);
    }
    async createSchedule(context, input) {
        return scheduleView(await context.services.schedules.create((0, context_1.actorOf)(context), input));
    }
    async setScheduleEnabled(context, id, enabled) {
        return scheduleView(await context.services.schedules.setEnabled((0, context_1.actorOf)(context), id, enabled));
    }
    async deleteSchedule(context, id) {
        return context.services.schedules.delete((0, context_1.actorOf)(context), id);
    }
    async agent(schedule, { loaders, services }) {
        const entity = await loaders.agentById.load(schedule.agentId);
        return (0, views_1.agentView)(entity, services.registry);
    }
};
exports.ScheduleResolver = ScheduleResolver;
__decorate([
    (0, type_graphql_1.Authorized)(),
    (0, type_graphql_1.Query)(() => [schedule_type_1.Schedule]),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('agentId', () => type_graphql_1.ID, { nullable: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], ScheduleResolver.prototype, "schedules", null);
__decorate([
    (0, type_graphql_1.Authorized)(enums_1.Role.ADMIN),
    (0, type_graphql_1.Mutation)(() => schedule_type_1.Schedule),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('input', () => schedule_inputs_1.CreateScheduleInput)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, schedule_inputs_1.CreateScheduleInput]),
    __metadata("design:returntype", Promise)
], ScheduleResolver.prototype, "createSchedule", null);
__decorate([
    (0, type_graphql_1.Authorized)(enums_1.Role.OPERATOR),
    (0, type_graphql_1.Mutation)(() => schedule_type_1.Schedule),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __param(2, (0, type_graphql_1.Arg)('enabled', () => Boolean)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String, Boolean]),
    __metadata("design:returntype", Promise)
], ScheduleResolver.prototype, "setScheduleEnabled", null);
__decorate([
    (0, type_graphql_1.Authorized)(enums_1.Role.ADMIN),
    (0, type_graphql_1.Mutation)(() => Boolean),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], ScheduleResolver.prototype, "deleteSchedule", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => agent_type_1.Agent),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [schedule_type_1.Schedule, Object]),
    __metadata("design:returntype", Promise)
], ScheduleResolver.prototype, "agent", null);
exports.ScheduleResolver = ScheduleResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => schedule_type_1.Schedule)
], ScheduleResolver);
//# sourceMappingURL=schedule.resolver.js.map