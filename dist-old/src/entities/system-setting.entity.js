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
exports.SystemSettingEntity = void 0;
const typeorm_1 = require("typeorm");
/** Small durable facts of the installation (e.g. the oldest replayable event cursor). */
let SystemSettingEntity = class SystemSettingEntity {
    key;
    value;
    updatedAt;
};
exports.SystemSettingEntity = SystemSettingEntity;
__decorate([
    (0, typeorm_1.PrimaryColumn)('text'),
    __metadata("design:type", String)
], SystemSettingEntity.prototype, "key", void 0);
__decorate([
    (0, typeorm_1.Column)('jsonb'),
    __metadata("design:type", Object)
], SystemSettingEntity.prototype, "value", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'updated_at', default: () => 'now()' }),
    __metadata("design:type", Date)
], SystemSettingEntity.prototype, "updatedAt", void 0);
exports.SystemSettingEntity = SystemSettingEntity = __decorate([
    (0, typeorm_1.Entity)('system_settings')
], SystemSettingEntity);
//# sourceMappingURL=system-setting.entity.js.map