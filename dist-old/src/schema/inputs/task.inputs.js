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
exports.DistributeTaskInput = exports.TaskFilterInput = void 0;
const type_graphql_1 = require("type-graphql");
const enums_1 = require("../enums");
const scalars_1 = require("../scalars");
let TaskFilterInput = class TaskFilterInput {
    agentId;
    status;
    type;
    workflowRunId;
};
exports.TaskFilterInput = TaskFilterInput;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true }),
    __metadata("design:type", Object)
], TaskFilterInput.prototype, "agentId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => enums_1.TaskStatus, { nullable: true }),
    __metadata("design:type", Object)
], TaskFilterInput.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], TaskFilterInput.prototype, "type", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true }),
    __metadata("design:type", Object)
], TaskFilterInput.prototype, "workflowRunId", void 0);
exports.TaskFilterInput = TaskFilterInput = __decorate([
    (0, type_graphql_1.InputType)('TaskFilter')
], TaskFilterInput);
let DistributeTaskInput = class DistributeTaskInput {
    type;
    payload;
    agentId;
    agentType;
    priority;
    maxAttempts;
    runAt;
    timeoutSeconds;
    idempotencyKey;
};
exports.DistributeTaskInput = DistributeTaskInput;
__decorate([
    (0, type_graphql_1.Field)(() => String),
    __metadata("design:type", String)
], DistributeTaskInput.prototype, "type", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.JSONScalar, { nullable: true, description: 'Default {} (graphql-js 16 cannot print an object default in SDL).' }),
    __metadata("design:type", Object)
], DistributeTaskInput.prototype, "payload", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true }),
    __metadata("design:type", Object)
], DistributeTaskInput.prototype, "agentId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], DistributeTaskInput.prototype, "agentType", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true, defaultValue: 0, description: 'Higher runs first.' }),
    __metadata("design:type", Object)
], DistributeTaskInput.prototype, "priority", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true, defaultValue: 3 }),
    __metadata("design:type", Object)
], DistributeTaskInput.prototype, "maxAttempts", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date, { nullable: true, description: 'Not before this time.' }),
    __metadata("design:type", Object)
], DistributeTaskInput.prototype, "runAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true, description: 'An attempt running longer fails (its handler is aborted).' }),
    __metadata("design:type", Object)
], DistributeTaskInput.prototype, "timeoutSeconds", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'A second call with the same key returns the first task.' }),
    __metadata("design:type", Object)
], DistributeTaskInput.prototype, "idempotencyKey", void 0);
exports.DistributeTaskInput = DistributeTaskInput = __decorate([
    (0, type_graphql_1.InputType)('DistributeTaskInput', {
        description: 'Either agentId (that agent) or agentType (the least-loaded RUNNING agent of that type); neither: any RUNNING agent whose type accepts the task type.',
    })
], DistributeTaskInput);
//# sourceMappingURL=task.inputs.js.map