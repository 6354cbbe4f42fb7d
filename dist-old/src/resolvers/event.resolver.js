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
exports.EventResolver = void 0;
const type_graphql_1 = require("type-graphql");
const enums_1 = require("../schema/enums");
const event_type_1 = require("../schema/types/event.type");
const views_1 = require("./views");
let EventResolver = class EventResolver {
    async events({ services }, after, agentId, kinds, first) {
        const page = await services.events.list({ after, agentId, kinds }, first);
        const edges = page.events.map((event) => ({ node: (0, views_1.eventView)(event), cursor: event.cursor }));
        return {
            edges,
            pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.length > 0 ? edges[edges.length - 1].cursor : null },
            totalCount: page.totalCount,
        };
    }
};
exports.EventResolver = EventResolver;
__decorate([
    (0, type_graphql_1.Authorized)(),
    (0, type_graphql_1.Query)(() => event_type_1.EventConnection, { description: 'The durable event stream in commit order; `after` is a cursor ("0": from the oldest retained).' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('after', () => String, { nullable: true })),
    __param(2, (0, type_graphql_1.Arg)('agentId', () => type_graphql_1.ID, { nullable: true })),
    __param(3, (0, type_graphql_1.Arg)('kinds', () => [enums_1.EventKind], { nullable: true })),
    __param(4, (0, type_graphql_1.Arg)('first', () => type_graphql_1.Int, { nullable: true, defaultValue: 100 })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object, Object, Object, Number]),
    __metadata("design:returntype", Promise)
], EventResolver.prototype, "events", null);
exports.EventResolver = EventResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => event_type_1.Event)
], EventResolver);
//# sourceMappingURL=event.resolver.js.map