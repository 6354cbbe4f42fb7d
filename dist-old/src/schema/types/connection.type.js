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
exports.PageInfo = void 0;
exports.connectionOf = connectionOf;
exports.toConnection = toConnection;
const type_graphql_1 = require("type-graphql");
let PageInfo = class PageInfo {
    hasNextPage;
    endCursor;
};
exports.PageInfo = PageInfo;
__decorate([
    (0, type_graphql_1.Field)(() => Boolean),
    __metadata("design:type", Boolean)
], PageInfo.prototype, "hasNextPage", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], PageInfo.prototype, "endCursor", void 0);
exports.PageInfo = PageInfo = __decorate([
    (0, type_graphql_1.ObjectType)('PageInfo')
], PageInfo);
/** Builds the Relay `<Name>Edge` and `<Name>Connection` types for a node type. */
function connectionOf(name, node) {
    let Edge = class Edge {
        node;
        cursor;
    };
    __decorate([
        (0, type_graphql_1.Field)(() => node),
        __metadata("design:type", Object)
    ], Edge.prototype, "node", void 0);
    __decorate([
        (0, type_graphql_1.Field)(() => String),
        __metadata("design:type", String)
    ], Edge.prototype, "cursor", void 0);
    Edge = __decorate([
        (0, type_graphql_1.ObjectType)(`${name}Edge`)
    ], Edge);
    let Connection = class Connection {
        edges;
        pageInfo;
        totalCount;
    };
    __decorate([
        (0, type_graphql_1.Field)(() => [Edge]),
        __metadata("design:type", Array)
    ], Connection.prototype, "edges", void 0);
    __decorate([
        (0, type_graphql_1.Field)(() => PageInfo),
        __metadata("design:type", PageInfo)
    ], Connection.prototype, "pageInfo", void 0);
    __decorate([
        (0, type_graphql_1.Field)(() => type_graphql_1.Int),
        __metadata("design:type", Number)
    ], Connection.prototype, "totalCount", void 0);
    Connection = __decorate([
        (0, type_graphql_1.ObjectType)(`${name}Connection`)
    ], Connection);
    return Connection;
}
/** Turns a service page into the connection shape. */
function toConnection(page, map) {
    const edges = page.items.map((item, index) => ({ node: map(item), cursor: page.cursors[index] }));
    return {
        edges,
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.length > 0 ? edges[edges.length - 1].cursor : null },
        totalCount: page.totalCount,
    };
}
//# sourceMappingURL=connection.type.js.map