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
exports.SystemOverview = exports.StatusCount = exports.MetricPoint = void 0;
const type_graphql_1 = require("type-graphql");
let MetricPoint = class MetricPoint {
    timestamp;
    count;
    sum;
    avg;
    min;
    max;
};
exports.MetricPoint = MetricPoint;
__decorate([
    (0, type_graphql_1.Field)(() => Date, { description: 'Start of the bucket.' }),
    __metadata("design:type", Date)
], MetricPoint.prototype, "timestamp", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], MetricPoint.prototype, "count", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float),
    __metadata("design:type", Number)
], MetricPoint.prototype, "sum", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float),
    __metadata("design:type", Number)
], MetricPoint.prototype, "avg", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float),
    __metadata("design:type", Number)
], MetricPoint.prototype, "min", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float),
    __metadata("design:type", Number)
], MetricPoint.prototype, "max", void 0);
exports.MetricPoint = MetricPoint = __decorate([
    (0, type_graphql_1.ObjectType)('MetricPoint')
], MetricPoint);
let StatusCount = class StatusCount {
    status;
    count;
};
exports.StatusCount = StatusCount;
__decorate([
    (0, type_graphql_1.Field)(() => String),
    __metadata("design:type", String)
], StatusCount.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], StatusCount.prototype, "count", void 0);
exports.StatusCount = StatusCount = __decorate([
    (0, type_graphql_1.ObjectType)('StatusCount')
], StatusCount);
let SystemOverview = class SystemOverview {
    agentsByStatus;
    tasksByStatus;
    queueDepth;
    tasksPerMinute;
    at;
};
exports.SystemOverview = SystemOverview;
__decorate([
    (0, type_graphql_1.Field)(() => [StatusCount]),
    __metadata("design:type", Array)
], SystemOverview.prototype, "agentsByStatus", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [StatusCount]),
    __metadata("design:type", Array)
], SystemOverview.prototype, "tasksByStatus", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], SystemOverview.prototype, "queueDepth", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float),
    __metadata("design:type", Number)
], SystemOverview.prototype, "tasksPerMinute", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date),
    __metadata("design:type", Date)
], SystemOverview.prototype, "at", void 0);
exports.SystemOverview = SystemOverview = __decorate([
    (0, type_graphql_1.ObjectType)('SystemOverview')
], SystemOverview);
//# sourceMappingURL=metric.type.js.map