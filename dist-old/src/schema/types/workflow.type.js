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
exports.WorkflowValidation = exports.WorkflowProblem = exports.WorkflowConnection = exports.Workflow = void 0;
const type_graphql_1 = require("type-graphql");
const scalars_1 = require("../scalars");
const connection_type_1 = require("./connection.type");
const node_type_1 = require("./node.type");
/** One version of a named workflow; `runs` is resolved through a loader by WorkflowFieldsResolver. */
let Workflow = class Workflow extends node_type_1.Node {
    name;
    version;
    definition;
    source;
    createdAt;
};
exports.Workflow = Workflow;
__decorate([
    (0, type_graphql_1.Field)(() => String),
    __metadata("design:type", String)
], Workflow.prototype, "name", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], Workflow.prototype, "version", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.JSONScalar, { description: 'The normalised definition (defaults filled in).' }),
    __metadata("design:type", Object)
], Workflow.prototype, "definition", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { description: 'The YAML or JSON text as submitted.' }),
    __metadata("design:type", String)
], Workflow.prototype, "source", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date),
    __metadata("design:type", Date)
], Workflow.prototype, "createdAt", void 0);
exports.Workflow = Workflow = __decorate([
    (0, type_graphql_1.ObjectType)('Workflow', { implements: node_type_1.Node, description: 'A named, versioned workflow: creating one with an existing name adds a version.' })
], Workflow);
exports.WorkflowConnection = (0, connection_type_1.connectionOf)('Workflow', Workflow);
let WorkflowProblem = class WorkflowProblem {
    message;
    path;
    line;
};
exports.WorkflowProblem = WorkflowProblem;
__decorate([
    (0, type_graphql_1.Field)(() => String),
    __metadata("design:type", String)
], WorkflowProblem.prototype, "message", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'e.g. "steps[2].dependsOn[0]"' }),
    __metadata("design:type", Object)
], WorkflowProblem.prototype, "path", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true, description: '1-based line in the submitted text, when known.' }),
    __metadata("design:type", Object)
], WorkflowProblem.prototype, "line", void 0);
exports.WorkflowProblem = WorkflowProblem = __decorate([
    (0, type_graphql_1.ObjectType)('WorkflowProblem')
], WorkflowProblem);
let WorkflowValidation = class WorkflowValidation {
    valid;
    problems;
    stepOrder;
};
exports.WorkflowValidation = WorkflowValidation;
__decorate([
    (0, type_graphql_1.Field)(() => Boolean),
    __metadata("design:type", Boolean)
], WorkflowValidation.prototype, "valid", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [WorkflowProblem]),
    __metadata("design:type", Array)
], WorkflowValidation.prototype, "problems", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [String], { description: 'A topological order of the step ids, empty when invalid.' }),
    __metadata("design:type", Array)
], WorkflowValidation.prototype, "stepOrder", void 0);
exports.WorkflowValidation = WorkflowValidation = __decorate([
    (0, type_graphql_1.ObjectType)('WorkflowValidation')
], WorkflowValidation);
//# sourceMappingURL=workflow.type.js.map