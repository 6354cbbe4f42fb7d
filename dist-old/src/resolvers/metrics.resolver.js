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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.MetricsResolver = void 0;
const type_graphql_1 = require("type-graphql");
const metric_type_1 = require("../schema/types/metric.type");
let MetricsResolver = class MetricsResolver {
    async metrics({ services }, name, agentId, since, until, bucketSeconds) {
        return services.metrics.buckets({ name, agentId, since, until, bucketSeconds });
    }
};
exports.MetricsResolver = MetricsResolver;
__decorate([
    (0, type_graphql_1.Authorized)(),
    (0, type_graphql_1.Query)(() => [metric_type_1.MetricPoint], { description: 'Time buckets of a metric (task.duration_ms, task.succeeded, task.failed, task.queue_wait_ms), for one agent or all.' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('name', () => String)),
    __param(2, (0, type_graphql_1.Arg)('agentId', () => type_graphql_1.ID, { nullable: true })),
    __param(3, (0, type_graphql_1.Arg)('since', () => Date, { nullable: true })),
    __param(4, (0, type_graphql_1.Arg)('until', () => Date, { nullable: true })),
    __param(5, (0, type_graphql_1.Arg)('bucketSeconds', () => type_graphql_1.Int, { nullable: true, defaultValue: 60 })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String, Object, Object, Object, Number]),
    __metadata("design:returntype", Promise)
], MetricsResolver.prototype, "metrics", null);
exports.MetricsResolver = MetricsResolver = __decorate([
    (0, type_graphql_1.Resolver)()
], MetricsResolver);
//# sourceMappingURL=metrics.resolver.js.map