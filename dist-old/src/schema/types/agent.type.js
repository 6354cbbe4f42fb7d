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
exports.AgentStatusEvent = exports.AgentConnection = exports.Agent = exports.AgentHealth = exports.AgentTypeInfo = void 0;
const type_graphql_1 = require("type-graphql");
const enums_1 = require("../enums");
const scalars_1 = require("../scalars");
const connection_type_1 = require("./connection.type");
const node_type_1 = require("./node.type");
/** A kind of agent the server knows how to run. */
let AgentTypeInfo = class AgentTypeInfo {
    key;
    description;
    configSchema;
    taskTypes;
};
exports.AgentTypeInfo = AgentTypeInfo;
__decorate([
    (0, type_graphql_1.Field)(() => String),
    __metadata("design:type", String)
], AgentTypeInfo.prototype, "key", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String),
    __metadata("design:type", String)
], AgentTypeInfo.prototype, "description", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.JSONScalar),
    __metadata("design:type", Object)
], AgentTypeInfo.prototype, "configSchema", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [String]),
    __metadata("design:type", Array)
], AgentTypeInfo.prototype, "taskTypes", void 0);
exports.AgentTypeInfo = AgentTypeInfo = __decorate([
    (0, type_graphql_1.ObjectType)('AgentType')
], AgentTypeInfo);
let AgentHealth = class AgentHealth {
    status;
    queuedTasks;
    runningTasks;
    succeededTasks;
    failedTasks;
    successRate;
    avgTaskMs;
    lastError;
    lastActiveAt;
};
exports.AgentHealth = AgentHealth;
__decorate([
    (0, type_graphql_1.Field)(() => enums_1.AgentStatus),
    __metadata("design:type", String)
], AgentHealth.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], AgentHealth.prototype, "queuedTasks", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], AgentHealth.prototype, "runningTasks", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], AgentHealth.prototype, "succeededTasks", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], AgentHealth.prototype, "failedTasks", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true }),
    __metadata("design:type", Object)
], AgentHealth.prototype, "successRate", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true }),
    __metadata("design:type", Object)
], AgentHealth.prototype, "avgTaskMs", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], AgentHealth.prototype, "lastError", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date, { nullable: true }),
    __metadata("design:type", Object)
], AgentHealth.prototype, "lastActiveAt", void 0);
exports.AgentHealth = AgentHealth = __decorate([
    (0, type_graphql_1.ObjectType)('AgentHealth')
], AgentHealth);
/** An agent; relation fields (health, tasks, logs, metrics) are resolved by AgentFieldsResolver. */
let Agent = class Agent extends node_type_1.Node {
    name;
    type;
    status;
    statusReason;
    maxConcurrency;
    config;
    createdAt;
    lastActiveAt;
    /** Not in the schema: whether the agent was deleted (hidden from `agents`). */
    deletedAt;
};
exports.Agent = Agent;
__decorate([
    (0, type_graphql_1.Field)(() => String),
    __metadata("design:type", String)
], Agent.prototype, "name", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String),
    __metadata("design:type", String)
], Agent.prototype, "type", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => enums_1.AgentStatus),
    __metadata("design:type", String)
], Agent.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], Agent.prototype, "statusReason", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], Agent.prototype, "maxConcurrency", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.JSONScalar),
    __metadata("design:type", Object)
], Agent.prototype, "config", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date),
    __metadata("design:type", Date)
], Agent.prototype, "createdAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date, { nullable: true }),
    __metadata("design:type", Object)
], Agent.prototype, "lastActiveAt", void 0);
exports.Agent = Agent = __decorate([
    (0, type_graphql_1.ObjectType)('Agent', { implements: node_type_1.Node })
], Agent);
exports.AgentConnection = (0, connection_type_1.connectionOf)('Agent', Agent);
let AgentStatusEvent = class AgentStatusEvent {
    agent;
    previousStatus;
    status;
    at;
};
exports.AgentStatusEvent = AgentStatusEvent;
__decorate([
    (0, type_graphql_1.Field)(() => Agent),
    __metadata("design:type", Agent)
], AgentStatusEvent.prototype, "agent", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => enums_1.AgentStatus, { nullable: true }),
    __metadata("design:type", Object)
], AgentStatusEvent.prototype, "previousStatus", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => enums_1.AgentStatus),
    __metadata("design:type", String)
], AgentStatusEvent.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date),
    __metadata("design:type", Date)
], AgentStatusEvent.prototype, "at", void 0);
exports.AgentStatusEvent = AgentStatusEvent = __decorate([
    (0, type_graphql_1.ObjectType)('AgentStatusEvent')
], AgentStatusEvent);
//# sourceMappingURL=agent.type.js.map