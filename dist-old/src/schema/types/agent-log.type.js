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
exports.AgentLogConnection = exports.AgentLog = void 0;
const type_graphql_1 = require("type-graphql");
const enums_1 = require("../enums");
const scalars_1 = require("../scalars");
const connection_type_1 = require("./connection.type");
const node_type_1 = require("./node.type");
let AgentLog = class AgentLog extends node_type_1.Node {
    /** Resolved through the agent loader; not a schema field here. */
    agentId;
    level;
    message;
    metadata;
    actor;
    correlationId;
    timestamp;
    taskId;
};
exports.AgentLog = AgentLog;
__decorate([
    (0, type_graphql_1.Field)(() => enums_1.LogLevel),
    __metadata("design:type", String)
], AgentLog.prototype, "level", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String),
    __metadata("design:type", String)
], AgentLog.prototype, "message", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.JSONScalar, { nullable: true }),
    __metadata("design:type", Object)
], AgentLog.prototype, "metadata", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], AgentLog.prototype, "actor", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], AgentLog.prototype, "correlationId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date),
    __metadata("design:type", Date)
], AgentLog.prototype, "timestamp", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true, description: 'The task the line is about, when there is one.' }),
    __metadata("design:type", Object)
], AgentLog.prototype, "taskId", void 0);
exports.AgentLog = AgentLog = __decorate([
    (0, type_graphql_1.ObjectType)('AgentLog', { implements: node_type_1.Node })
], AgentLog);
exports.AgentLogConnection = (0, connection_type_1.connectionOf)('AgentLog', AgentLog);
//# sourceMappingURL=agent-log.type.js.map