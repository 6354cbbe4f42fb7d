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
exports.WorkflowResolver = void 0;
const type_graphql_1 = require("type-graphql");
const enums_1 = require("../schema/enums");
const workflow_inputs_1 = require("../schema/inputs/workflow.inputs");
const connection_type_1 = require("../schema/types/connection.type");
const workflow_type_1 = require("../schema/types/workflow.type");
const workflow_run_type_1 = require("../schema/types/workflow-run.type");
const ids_1 = require("../services/common/ids");
const context_1 = require("./context");
const workflow_views_1 = require("./workflow-views");
let WorkflowResolver = class WorkflowResolver {
    validateWorkflow({ services }, definition) {
        const { valid, problems, stepOrder } = services.workflows.validate(definition);
        return { valid, problems, stepOrder };
    }
    async workflows({ services }, name, first, after) {
        return (0, connection_type_1.toConnection)(await services.workflows.list(name ?? null, first, after), workflow_views_1.workflowView);
    }
    async workflow({ loaders }, id) {
        const record = await loaders.workflowById.load((0, ids_1.checkUuid)(id, 'id'));
        return record === null ? null : (0, workflow_views_1.workflowView)(record);
    }
    async workflowRun({ loaders }, id) {
        const record = await loaders.workflowRunById.load((0, ids_1.checkUuid)(id, 'id'));
        return record === null ? null : (0, workflow_views_1.workflowRunView)(record);
    }
    async createWorkflow(context, input) {
        return (0, workflow_views_1.workflowView)(await context.services.workflows.create((0, context_1.actorOf)(context), input.definition));
    }
    async runWorkflow(context, input) {
        return answerWithSteps(context, await context.services.workflowEngine.start((0, context_1.actorOf)(context), input));
    }
    async cancelWorkflowRun(context, id) {
        return answerWithSteps(context, await context.services.workflowEngine.cancel((0, context_1.actorOf)(context), id));
    }
};
exports.WorkflowResolver = WorkflowResolver;
__decorate([
    (0, type_graphql_1.Authorized)(),
    (0, type_graphql_1.Query)(() => workflow_type_1.WorkflowValidation, { description: 'Every problem of a YAML or JSON definition at once, each with a path and a 1-based line.' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('definition', () => String)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", workflow_type_1.WorkflowValidation)
], WorkflowResolver.prototype, "validateWorkflow", null);
__decorate([
    (0, type_graphql_1.Authorized)(),
    (0, type_graphql_1.Query)(() => workflow_type_1.WorkflowConnection, { description: 'Workflow versions, newest first.' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('name', () => String, { nullable: true })),
    __param(2, (0, type_graphql_1.Arg)('first', () => type_graphql_1.Int, { nullable: true, defaultValue: 20 })),
    __param(3, (0, type_graphql_1.Arg)('after', () => String, { nullable: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object, Number, Object]),
    __metadata("design:returntype", Promise)
], WorkflowResolver.prototype, "workflows", null);
__decorate([
    (0, type_graphql_1.Authorized)(),
    (0, type_graphql_1.Query)(() => workflow_type_1.Workflow, { nullable: true }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], WorkflowResolver.prototype, "workflow", null);
__decorate([
    (0, type_graphql_1.Authorized)(),
    (0, type_graphql_1.Query)(() => workflow_run_type_1.WorkflowRun, { nullable: true }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], WorkflowResolver.prototype, "workflowRun", null);
__decorate([
    (0, type_graphql_1.Authorized)(enums_1.Role.ADMIN),
    (0, type_graphql_1.Mutation)(() => workflow_type_1.Workflow, { description: 'Stores the definition as the next version of its name; invalid: INVALID_WORKFLOW with extensions.problems.' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('input', () => workflow_inputs_1.CreateWorkflowInput)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, workflow_inputs_1.CreateWorkflowInput]),
    __metadata("design:returntype", Promise)
], WorkflowResolver.prototype, "createWorkflow", null);
__decorate([
    (0, type_graphql_1.Authorized)(enums_1.Role.OPERATOR),
    (0, type_graphql_1.Mutation)(() => workflow_run_type_1.WorkflowRun, { description: 'Starts a run (PENDING; RUNNING once a step runs) of a workflow version.' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('input', () => workflow_inputs_1.RunWorkflowInput)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, workflow_inputs_1.RunWorkflowInput]),
    __metadata("design:returntype", Promise)
], WorkflowResolver.prototype, "runWorkflow", null);
__decorate([
    (0, type_graphql_1.Authorized)(enums_1.Role.OPERATOR),
    (0, type_graphql_1.Mutation)(() => workflow_run_type_1.WorkflowRun, { description: 'Ends the run CANCELLED: queued steps are cancelled, running ones aborted.' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], WorkflowResolver.prototype, "cancelWorkflowRun", null);
exports.WorkflowResolver = WorkflowResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => workflow_type_1.Workflow)
], WorkflowResolver);
/**
 * A run mutation's answer: the run and its steps as that mutation committed them. Read fresh,
 * the steps could already be further on (a worker started one) than the run's status says.
 */
function answerWithSteps(context, snapshot) {
    context.loaders.workflowRunSteps.prime(snapshot.id, snapshot.steps);
    return (0, workflow_views_1.workflowRunView)(snapshot);
}
//# sourceMappingURL=workflow.resolver.js.map