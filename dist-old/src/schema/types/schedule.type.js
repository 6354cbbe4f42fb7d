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
exports.Schedule = void 0;
const type_graphql_1 = require("type-graphql");
const scalars_1 = require("../scalars");
const node_type_1 = require("./node.type");
/** A recurring task for one agent; `agent` is resolved through the agent loader. */
let Schedule = class Schedule extends node_type_1.Node {
    agentId;
    taskType;
    payload;
    cron;
    enabled;
    lastRunAt;
    nextRunAt;
    createdAt;
};
exports.Schedule = Schedule;
__decorate([
    (0, type_graphql_1.Field)(() => String),
    __metadata("design:type", String)
], Schedule.prototype, "taskType", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.JSONScalar),
    __metadata("design:type", Object)
], Schedule.prototype, "payload", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String),
    __metadata("design:type", String)
], Schedule.prototype, "cron", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Boolean),
    __metadata("design:type", Boolean)
], Schedule.prototype, "enabled", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date, { nullable: true }),
    __metadata("design:type", Object)
], Schedule.prototype, "lastRunAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date, { nullable: true }),
    __metadata("design:type", Object)
], Schedule.prototype, "nextRunAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date),
    __metadata("design:type", Date)
], Schedule.prototype, "createdAt", void 0);
exports.Schedule = Schedule = __decorate([
    (0, type_graphql_1.ObjectType)('Schedule', { implements: node_type_1.Node })
], Schedule);
//# sourceMappingURL=schedule.type.js.map