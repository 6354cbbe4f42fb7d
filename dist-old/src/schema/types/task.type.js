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
exports.TaskConnection = exports.Task = void 0;
const type_graphql_1 = require("type-graphql");
const enums_1 = require("../enums");
const scalars_1 = require("../scalars");
const connection_type_1 = require("./connection.type");
const node_type_1 = require("./node.type");
/** A task; `agent` and `workflowRun` are resolved through loaders by the task field resolver. */
let Task = class Task extends node_type_1.Node {
    type;
    agentId;
    workflowRunId;
    status;
    payload;
    result;
    error;
    attempts;
    maxAttempts;
    priority;
    createdAt;
    startedAt;
    completedAt;
    durationMs;
    runAt;
    timeoutSeconds;
    idempotencyKey;
};
exports.Task = Task;
__decorate([
    (0, type_graphql_1.Field)(() => String),
    __metadata("design:type", String)
], Task.prototype, "type", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => enums_1.TaskStatus),
    __metadata("design:type", String)
], Task.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.JSONScalar),
    __metadata("design:type", Object)
], Task.prototype, "payload", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.JSONScalar, { nullable: true }),
    __metadata("design:type", Object)
], Task.prototype, "result", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], Task.prototype, "error", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], Task.prototype, "attempts", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], Task.prototype, "maxAttempts", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], Task.prototype, "priority", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date),
    __metadata("design:type", Date)
], Task.prototype, "createdAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date, { nullable: true }),
    __metadata("design:type", Object)
], Task.prototype, "startedAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date, { nullable: true }),
    __metadata("design:type", Object)
], Task.prototype, "completedAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true }),
    __metadata("design:type", Object)
], Task.prototype, "durationMs", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date, { nullable: true, description: 'Not before this time.' }),
    __metadata("design:type", Object)
], Task.prototype, "runAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true }),
    __metadata("design:type", Object)
], Task.prototype, "timeoutSeconds", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], Task.prototype, "idempotencyKey", void 0);
exports.Task = Task = __decorate([
    (0, type_graphql_1.ObjectType)('Task', { implements: node_type_1.Node })
], Task);
exports.TaskConnection = (0, connection_type_1.connectionOf)('Task', Task);
//# sourceMappingURL=task.type.js.map