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
exports.CreateScheduleInput = void 0;
const type_graphql_1 = require("type-graphql");
const scalars_1 = require("../scalars");
let CreateScheduleInput = class CreateScheduleInput {
    agentId;
    taskType;
    payload;
    cron;
    enabled;
};
exports.CreateScheduleInput = CreateScheduleInput;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", String)
], CreateScheduleInput.prototype, "agentId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String),
    __metadata("design:type", String)
], CreateScheduleInput.prototype, "taskType", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.JSONScalar, { nullable: true, description: 'Default {} (graphql-js 16 cannot print an object default in SDL).' }),
    __metadata("design:type", Object)
], CreateScheduleInput.prototype, "payload", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { description: 'Five-field cron expression, UTC.' }),
    __metadata("design:type", String)
], CreateScheduleInput.prototype, "cron", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Boolean, { nullable: true, defaultValue: true }),
    __metadata("design:type", Object)
], CreateScheduleInput.prototype, "enabled", void 0);
exports.CreateScheduleInput = CreateScheduleInput = __decorate([
    (0, type_graphql_1.InputType)('CreateScheduleInput')
], CreateScheduleInput);
//# sourceMappingURL=schedule.inputs.js.map