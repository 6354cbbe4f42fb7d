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
exports.RunWorkflowInput = exports.CreateWorkflowInput = void 0;
const type_graphql_1 = require("type-graphql");
const scalars_1 = require("../scalars");
let CreateWorkflowInput = class CreateWorkflowInput {
    definition;
};
exports.CreateWorkflowInput = CreateWorkflowInput;
__decorate([
    (0, type_graphql_1.Field)(() => String, { description: 'YAML or JSON text; carries its own name.' }),
    __metadata("design:type", String)
], CreateWorkflowInput.prototype, "definition", void 0);
exports.CreateWorkflowInput = CreateWorkflowInput = __decorate([
    (0, type_graphql_1.InputType)('CreateWorkflowInput')
], CreateWorkflowInput);
let RunWorkflowInput = class RunWorkflowInput {
    workflowId;
    name;
    version;
    input;
};
exports.RunWorkflowInput = RunWorkflowInput;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true, description: 'This exact version, or:' }),
    __metadata("design:type", Object)
], RunWorkflowInput.prototype, "workflowId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'The latest version of this name (or `version`).' }),
    __metadata("design:type", Object)
], RunWorkflowInput.prototype, "name", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true }),
    __metadata("design:type", Object)
], RunWorkflowInput.prototype, "version", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.JSONScalar, { nullable: true, description: 'A JSON object the steps read as ${{ input.NAME }}; default {}.' }),
    __metadata("design:type", Object)
], RunWorkflowInput.prototype, "input", void 0);
exports.RunWorkflowInput = RunWorkflowInput = __decorate([
    (0, type_graphql_1.InputType)('RunWorkflowInput')
], RunWorkflowInput);
//# sourceMappingURL=workflow.inputs.js.map