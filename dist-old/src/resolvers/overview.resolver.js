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
exports.OverviewResolver = void 0;
const type_graphql_1 = require("type-graphql");
const metric_type_1 = require("../schema/types/metric.type");
let OverviewResolver = class OverviewResolver {
    async overview({ services }) {
        return services.overview.compute();
    }
};
exports.OverviewResolver = OverviewResolver;
__decorate([
    (0, type_graphql_1.Authorized)(),
    (0, type_graphql_1.Query)(() => metric_type_1.SystemOverview, { description: 'Agents and tasks by status, queue depth and throughput, right now.' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], OverviewResolver.prototype, "overview", null);
exports.OverviewResolver = OverviewResolver = __decorate([
    (0, type_graphql_1.Resolver)()
], OverviewResolver);
//# sourceMappingURL=overview.resolver.js.map