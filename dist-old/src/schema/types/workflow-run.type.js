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
Object.defineProperty(exports, "__esModule", { value: true });
exports.WorkflowRunConnection = exports.WorkflowRun = exports.WorkflowStepRun = void 0;
const type_graphql_1 = require("type-graphql");
const enums_1 = require("../enums");
const scalars_1 = require("../scalars");
const connection_type_1 = require("./connection.type");
const node_type_1 = require("./node.type");
/** One step of a run; `task` is resolved through the task loader by WorkflowStepRunFieldsResolver. */
let WorkflowStepRun = class WorkflowStepRun {
    /** Not in the schema: the run this step belongs to. */
    runId;
    /** Not in the schema: the task executing the step, resolved by the `task` field. */
    taskId;
    stepId;
    status;
    attempts;
    output;
    error;
    startedAt;
    completedAt;
};
exports.WorkflowStepRun = WorkflowStepRun;
__decorate([
    (0, type_graphql_1.Field)(() => String),
    __metadata("design:type", String)
], WorkflowStepRun.prototype, "stepId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => enums_1.StepStatus),
    __metadata("design:type", String)
], WorkflowStepRun.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], WorkflowStepRun.prototype, "attempts", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.JSONScalar, { nullable: true }),
    __metadata("design:type", Object)
], WorkflowStepRun.prototype, "output", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], WorkflowStepRun.prototype, "error", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date, { nullable: true }),
    __metadata("design:type", Object)
], WorkflowStepRun.prototype, "startedAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date, { nullable: true }),
    __metadata("design:type", Object)
], WorkflowStepRun.prototype, "completedAt", void 0);
exports.WorkflowStepRun = WorkflowStepRun = __decorate([
    (0, type_graphql_1.ObjectType)('WorkflowStepRun')
], WorkflowStepRun);
/** One execution of a workflow version; `workflow` and `steps` are resolved through loaders. */
let WorkflowRun = class WorkflowRun extends node_type_1.Node {
    /** Not in the schema: resolved into `workflow` by WorkflowRunFieldsResolver. */
    workflowId;
    status;
    input;
    error;
    createdAt;
    startedAt;
    completedAt;
};
exports.WorkflowRun = WorkflowRun;
__decorate([
    (0, type_graphql_1.Field)(() => enums_1.WorkflowRunStatus),
    __metadata("design:type", String)
], WorkflowRun.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.JSONScalar, { nullable: true }),
    __metadata("design:type", Object)
], WorkflowRun.prototype, "input", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], WorkflowRun.prototype, "error", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date),
    __metadata("design:type", Date)
], WorkflowRun.prototype, "createdAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date, { nullable: true }),
    __metadata("design:type", Object)
], WorkflowRun.prototype, "startedAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date, { nullable: true }),
    __metadata("design:type", Object)
], WorkflowRun.prototype, "completedAt", void 0);
exports.WorkflowRun = WorkflowRun = __decorate([
    (0, type_graphql_1.ObjectType)('WorkflowRun', { implements: node_type_1.Node })
], WorkflowRun);
exports.WorkflowRunConnection = (0, connection_type_1.connectionOf)('WorkflowRun', WorkflowRun);
//# sourceMappingURL=workflow-run.type.js.map