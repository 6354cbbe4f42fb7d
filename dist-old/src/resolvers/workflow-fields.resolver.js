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
exports.TaskWorkflowRunResolver = exports.WorkflowStepRunFieldsResolver = exports.WorkflowRunFieldsResolver = exports.WorkflowFieldsResolver = void 0;
const type_graphql_1 = require("type-graphql");
const connection_type_1 = require("../schema/types/connection.type");
const task_type_1 = require("../schema/types/task.type");
const workflow_type_1 = require("../schema/types/workflow.type");
const workflow_run_type_1 = require("../schema/types/workflow-run.type");
const domain_error_1 = require("../services/errors/domain-error");
const views_1 = require("./views");
const workflow_views_1 = require("./workflow-views");
/** Workflow.runs, through a loader batched across workflows. */
let WorkflowFieldsResolver = class WorkflowFieldsResolver {
    async runs(workflow, { loaders }, first, after) {
        return (0, connection_type_1.toConnection)(await loaders.workflowRuns.load({ workflowId: workflow.id, first, after: after ?? null }), workflow_views_1.workflowRunView);
    }
};
exports.WorkflowFieldsResolver = WorkflowFieldsResolver;
__decorate([
    (0, type_graphql_1.FieldResolver)(() => workflow_run_type_1.WorkflowRunConnection, { description: 'Runs of this version, newest first.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __param(2, (0, type_graphql_1.Arg)('first', () => type_graphql_1.Int, { nullable: true, defaultValue: 20 })),
    __param(3, (0, type_graphql_1.Arg)('after', () => String, { nullable: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [workflow_type_1.Workflow, Object, Number, Object]),
    __metadata("design:returntype", Promise)
], WorkflowFieldsResolver.prototype, "runs", null);
exports.WorkflowFieldsResolver = WorkflowFieldsResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => workflow_type_1.Workflow)
], WorkflowFieldsResolver);
/** WorkflowRun.workflow and WorkflowRun.steps, through loaders. */
let WorkflowRunFieldsResolver = class WorkflowRunFieldsResolver {
    async workflow(run, { loaders }) {
        const record = await loaders.workflowById.load(run.workflowId);
        // Workflows are never deleted, so a run's workflow always exists.
        if (record === null)
            throw (0, domain_error_1.notFound)('workflow', run.workflowId);
        return (0, workflow_views_1.workflowView)(record);
    }
    async steps(run, { loaders }) {
        return (await loaders.workflowRunSteps.load(run.id)).map(workflow_views_1.stepRunView);
    }
};
exports.WorkflowRunFieldsResolver = WorkflowRunFieldsResolver;
__decorate([
    (0, type_graphql_1.FieldResolver)(() => workflow_type_1.Workflow),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [workflow_run_type_1.WorkflowRun, Object]),
    __metadata("design:returntype", Promise)
], WorkflowRunFieldsResolver.prototype, "workflow", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => [workflow_run_type_1.WorkflowStepRun], { description: 'Its steps in topological order.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [workflow_run_type_1.WorkflowRun, Object]),
    __metadata("design:returntype", Promise)
], WorkflowRunFieldsResolver.prototype, "steps", null);
exports.WorkflowRunFieldsResolver = WorkflowRunFieldsResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => workflow_run_type_1.WorkflowRun)
], WorkflowRunFieldsResolver);
/** WorkflowStepRun.task, through the task loader. */
let WorkflowStepRunFieldsResolver = class WorkflowStepRunFieldsResolver {
    async task(step, { loaders }) {
        if (step.taskId === null)
            return null;
        const task = await loaders.taskById.load(step.taskId);
        return task === null ? null : (0, views_1.taskView)(task);
    }
};
exports.WorkflowStepRunFieldsResolver = WorkflowStepRunFieldsResolver;
__decorate([
    (0, type_graphql_1.FieldResolver)(() => task_type_1.Task, { nullable: true, description: 'The task executing the step, once it was queued.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [workflow_run_type_1.WorkflowStepRun, Object]),
    __metadata("design:returntype", Promise)
], WorkflowStepRunFieldsResolver.prototype, "task", null);
exports.WorkflowStepRunFieldsResolver = WorkflowStepRunFieldsResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => workflow_run_type_1.WorkflowStepRun)
], WorkflowStepRunFieldsResolver);
/** Task.workflowRun, through the run loader. */
let TaskWorkflowRunResolver = class TaskWorkflowRunResolver {
    async workflowRun(task, { loaders }) {
        if (task.workflowRunId === null || task.workflowRunId === undefined)
            return null;
        const run = await loaders.workflowRunById.load(task.workflowRunId);
        return run === null ? null : (0, workflow_views_1.workflowRunView)(run);
    }
};
exports.TaskWorkflowRunResolver = TaskWorkflowRunResolver;
__decorate([
    (0, type_graphql_1.FieldResolver)(() => workflow_run_type_1.WorkflowRun, { nullable: true, description: 'The workflow run this task is a step of.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [task_type_1.Task, Object]),
    __metadata("design:returntype", Promise)
], TaskWorkflowRunResolver.prototype, "workflowRun", null);
exports.TaskWorkflowRunResolver = TaskWorkflowRunResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => task_type_1.Task)
], TaskWorkflowRunResolver);
//# sourceMappingURL=workflow-fields.resolver.js.map