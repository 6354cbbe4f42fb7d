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
exports.AccessResolver = void 0;
const type_graphql_1 = require("type-graphql");
const enums_1 = require("../schema/enums");
const access_type_1 = require("../schema/types/access.type");
const context_1 = require("./context");
const views_1 = require("./views");
let AccessResolver = class AccessResolver {
    me(context) {
        const principal = context.principal;
        return { name: principal.name, role: principal.role };
    }
    async apiKeys({ services }) {
        return (await services.apiKeys.list()).map(views_1.apiKeyView);
    }
    async createApiKey(context, name, role) {
        const created = await context.services.apiKeys.create((0, context_1.actorOf)(context), name, role);
        return { apiKey: (0, views_1.apiKeyView)(created.apiKey), secret: created.secret };
    }
    async revokeApiKey(context, id) {
        return (0, views_1.apiKeyView)(await context.services.apiKeys.revoke((0, context_1.actorOf)(context), id));
    }
};
exports.AccessResolver = AccessResolver;
__decorate([
    (0, type_graphql_1.Authorized)(),
    (0, type_graphql_1.Query)(() => access_type_1.Viewer),
    __param(0, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", access_type_1.Viewer)
], AccessResolver.prototype, "me", null);
__decorate([
    (0, type_graphql_1.Authorized)(enums_1.Role.ADMIN),
    (0, type_graphql_1.Query)(() => [access_type_1.ApiKey]),
    __param(0, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], AccessResolver.prototype, "apiKeys", null);
__decorate([
    (0, type_graphql_1.Authorized)(enums_1.Role.ADMIN),
    (0, type_graphql_1.Mutation)(() => access_type_1.CreatedApiKey),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('name', () => String)),
    __param(2, (0, type_graphql_1.Arg)('role', () => enums_1.Role)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String, String]),
    __metadata("design:returntype", Promise)
], AccessResolver.prototype, "createApiKey", null);
__decorate([
    (0, type_graphql_1.Authorized)(enums_1.Role.ADMIN),
    (0, type_graphql_1.Mutation)(() => access_type_1.ApiKey),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], AccessResolver.prototype, "revokeApiKey", null);
exports.AccessResolver = AccessResolver = __decorate([
    (0, type_graphql_1.Resolver)()
], AccessResolver);
//# sourceMappingURL=access.resolver.js.map