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
exports.UpdateAgentInput = exports.CreateAgentInput = exports.AgentFilterInput = void 0;
const type_graphql_1 = require("type-graphql");
const enums_1 = require("../enums");
const scalars_1 = require("../scalars");
let AgentFilterInput = class AgentFilterInput {
    status;
    type;
    nameContains;
};
exports.AgentFilterInput = AgentFilterInput;
__decorate([
    (0, type_graphql_1.Field)(() => enums_1.AgentStatus, { nullable: true }),
    __metadata("design:type", Object)
], AgentFilterInput.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], AgentFilterInput.prototype, "type", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], AgentFilterInput.prototype, "nameContains", void 0);
exports.AgentFilterInput = AgentFilterInput = __decorate([
    (0, type_graphql_1.InputType)('AgentFilter')
], AgentFilterInput);
let CreateAgentInput = class CreateAgentInput {
    name;
    type;
    config;
    maxConcurrency;
};
exports.CreateAgentInput = CreateAgentInput;
__decorate([
    (0, type_graphql_1.Field)(() => String),
    __metadata("design:type", String)
], CreateAgentInput.prototype, "name", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String),
    __metadata("design:type", String)
], CreateAgentInput.prototype, "type", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.JSONScalar),
    __metadata("design:type", Object)
], CreateAgentInput.prototype, "config", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true, defaultValue: 4 }),
    __metadata("design:type", Object)
], CreateAgentInput.prototype, "maxConcurrency", void 0);
exports.CreateAgentInput = CreateAgentInput = __decorate([
    (0, type_graphql_1.InputType)('CreateAgentInput')
], CreateAgentInput);
let UpdateAgentInput = class UpdateAgentInput {
    name;
    config;
    maxConcurrency;
};
exports.UpdateAgentInput = UpdateAgentInput;
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], UpdateAgentInput.prototype, "name", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.JSONScalar, { nullable: true, description: 'A secret given as "********" keeps its stored value.' }),
    __metadata("design:type", Object)
], UpdateAgentInput.prototype, "config", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true }),
    __metadata("design:type", Object)
], UpdateAgentInput.prototype, "maxConcurrency", void 0);
exports.UpdateAgentInput = UpdateAgentInput = __decorate([
    (0, type_graphql_1.InputType)('UpdateAgentInput')
], UpdateAgentInput);
//# sourceMappingURL=agent.inputs.js.map