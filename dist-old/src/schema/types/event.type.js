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
exports.EventConnection = exports.Event = void 0;
const type_graphql_1 = require("type-graphql");
const enums_1 = require("../enums");
const scalars_1 = require("../scalars");
const connection_type_1 = require("./connection.type");
/** One durable change event; cursors increase in commit order. */
let Event = class Event {
    cursor;
    kind;
    at;
    agentId;
    taskId;
    workflowRunId;
    status;
    previousStatus;
    data;
    actor;
    correlationId;
};
exports.Event = Event;
__decorate([
    (0, type_graphql_1.Field)(() => String),
    __metadata("design:type", String)
], Event.prototype, "cursor", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => enums_1.EventKind),
    __metadata("design:type", String)
], Event.prototype, "kind", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date),
    __metadata("design:type", Date)
], Event.prototype, "at", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true }),
    __metadata("design:type", Object)
], Event.prototype, "agentId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true }),
    __metadata("design:type", Object)
], Event.prototype, "taskId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true }),
    __metadata("design:type", Object)
], Event.prototype, "workflowRunId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], Event.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], Event.prototype, "previousStatus", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.JSONScalar, { nullable: true }),
    __metadata("design:type", Object)
], Event.prototype, "data", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'Who caused the change.' }),
    __metadata("design:type", Object)
], Event.prototype, "actor", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'The request or job the change came from.' }),
    __metadata("design:type", Object)
], Event.prototype, "correlationId", void 0);
exports.Event = Event = __decorate([
    (0, type_graphql_1.ObjectType)('Event')
], Event);
exports.EventConnection = (0, connection_type_1.connectionOf)('Event', Event);
//# sourceMappingURL=event.type.js.map