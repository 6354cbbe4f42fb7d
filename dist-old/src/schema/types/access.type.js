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
exports.Viewer = exports.CreatedApiKey = exports.ApiKey = void 0;
const type_graphql_1 = require("type-graphql");
const enums_1 = require("../enums");
let ApiKey = class ApiKey {
    id;
    name;
    role;
    prefix;
    createdAt;
    lastUsedAt;
    revokedAt;
};
exports.ApiKey = ApiKey;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", String)
], ApiKey.prototype, "id", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String),
    __metadata("design:type", String)
], ApiKey.prototype, "name", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => enums_1.Role),
    __metadata("design:type", String)
], ApiKey.prototype, "role", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { description: 'The first characters of the secret, to recognise it.' }),
    __metadata("design:type", String)
], ApiKey.prototype, "prefix", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date),
    __metadata("design:type", Date)
], ApiKey.prototype, "createdAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date, { nullable: true }),
    __metadata("design:type", Object)
], ApiKey.prototype, "lastUsedAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date, { nullable: true }),
    __metadata("design:type", Object)
], ApiKey.prototype, "revokedAt", void 0);
exports.ApiKey = ApiKey = __decorate([
    (0, type_graphql_1.ObjectType)('ApiKey')
], ApiKey);
let CreatedApiKey = class CreatedApiKey {
    apiKey;
    secret;
};
exports.CreatedApiKey = CreatedApiKey;
__decorate([
    (0, type_graphql_1.Field)(() => ApiKey),
    __metadata("design:type", ApiKey)
], CreatedApiKey.prototype, "apiKey", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { description: 'Shown once; only a hash is stored.' }),
    __metadata("design:type", String)
], CreatedApiKey.prototype, "secret", void 0);
exports.CreatedApiKey = CreatedApiKey = __decorate([
    (0, type_graphql_1.ObjectType)('CreatedApiKey')
], CreatedApiKey);
let Viewer = class Viewer {
    name;
    role;
};
exports.Viewer = Viewer;
__decorate([
    (0, type_graphql_1.Field)(() => String),
    __metadata("design:type", String)
], Viewer.prototype, "name", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => enums_1.Role),
    __metadata("design:type", String)
], Viewer.prototype, "role", void 0);
exports.Viewer = Viewer = __decorate([
    (0, type_graphql_1.ObjectType)('Viewer')
], Viewer);
//# sourceMappingURL=access.type.js.map