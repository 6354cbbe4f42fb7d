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
exports.TaskResolver = void 0;
const type_graphql_1 = require("type-graphql");
const enums_1 = require("../schema/enums");
const task_inputs_1 = require("../schema/inputs/task.inputs");
const agent_type_1 = require("../schema/types/agent.type");
const connection_type_1 = require("../schema/types/connection.type");
const task_type_1 = require("../schema/types/task.type");
const context_1 = require("./context");
const views_1 = require("./views");
let TaskResolver = class TaskResolver {
    async tasks({ services }, filter, first, after) {
        return (0, connection_type_1.toConnection)(await services.tasks.list(filter ?? {}, first, after), views_1.taskView);
    }
    async task({ loaders }, id) {
        const task = await loaders.taskById.load(id);
        return task === null ? null : (0, views_1.taskView)(task);
    }
    async distributeTask(context, input) {
        return (0, views_1.taskView)(await context.services.taskService.distribute((0, context_1.actorOf)(context), input));
    }
    async distributeTasks(context, inputs) {
        return (await context.services.taskService.distributeMany((0, context_1.actorOf)(context), inputs)).map(views_1.taskView);
    }
    async cancelTask(context, id) {
        return (0, views_1.taskView)(await context.services.taskService.cancel((0, context_1.actorOf)(context), id));
    }
    async retryTask(context, id) {
        return (0, views_1.taskView)(await context.services.taskService.retry((0, context_1.actorOf)(context), id));
    }
    async agent(task, { loaders, services }) {
        const entity = await loaders.agentById.load(task.agentId);
        return entity === null ? null : (0, views_1.agentView)(entity, services.registry);
    }
};
exports.TaskResolver = TaskResolver;
__decorate([
    (0, type_graphql_1.Authorized)(),
    (0, type_graphql_1.Query)(() => task_type_1.TaskConnection, { description: 'Tasks, newest first.' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('filter', () => task_inputs_1.TaskFilterInput, { nullable: true })),
    __param(2, (0, type_graphql_1.Arg)('first', () => type_graphql_1.Int, { nullable: true, defaultValue: 20 })),
    __param(3, (0, type_graphql_1.Arg)('after', () => String, { nullable: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object, Number, Object]),
    __metadata("design:returntype", Promise)
], TaskResolver.prototype, "tasks", null);
__decorate([
    (0, type_graphql_1.Authorized)(),
    (0, type_graphql_1.Query)(() => task_type_1.Task, { nullable: true }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], TaskResolver.prototype, "task", null);
__decorate([
    (0, type_graphql_1.Authorized)(enums_1.Role.OPERATOR),
    (0, type_graphql_1.Mutation)(() => task_type_1.Task),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('input', () => task_inputs_1.DistributeTaskInput)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, task_inputs_1.DistributeTaskInput]),
    __metadata("design:returntype", Promise)
], TaskResolver.prototype, "distributeTask", null);
__decorate([
    (0, type_graphql_1.Authorized)(enums_1.Role.OPERATOR),
    (0, type_graphql_1.Mutation)(() => [task_type_1.Task], {
        description: 'Up to 1,000 tasks in one transaction: all are queued or, when one input is refused, none is (the error names it: inputs.N…). Answers in input order.',
    }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('inputs', () => [task_inputs_1.DistributeTaskInput])),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Array]),
    __metadata("design:returntype", Promise)
], TaskResolver.prototype, "distributeTasks", null);
__decorate([
    (0, type_graphql_1.Authorized)(enums_1.Role.OPERATOR),
    (0, type_graphql_1.Mutation)(() => task_type_1.Task, { description: 'A RUNNING task is aborted on whichever worker runs it.' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], TaskResolver.prototype, "cancelTask", null);
__decorate([
    (0, type_graphql_1.Authorized)(enums_1.Role.OPERATOR),
    (0, type_graphql_1.Mutation)(() => task_type_1.Task, { description: 'FAILED or CANCELLED only.' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], TaskResolver.prototype, "retryTask", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => agent_type_1.Agent, { nullable: true, description: 'The agent it was routed to.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [task_type_1.Task, Object]),
    __metadata("design:returntype", Promise)
], TaskResolver.prototype, "agent", null);
exports.TaskResolver = TaskResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => task_type_1.Task)
], TaskResolver);
//# sourceMappingURL=task.resolver.js.map