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
exports.EventEntity = void 0;
const typeorm_1 = require("typeorm");
const event_columns_entity_1 = require("./event-columns.entity");
/** The ordered log: one row per committed state change, numbered by the event sequencer in commit order. */
let EventEntity = class EventEntity extends event_columns_entity_1.EventColumns {
    cursor;
};
exports.EventEntity = EventEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)('increment', { type: 'bigint' }),
    __metadata("design:type", String)
], EventEntity.prototype, "cursor", void 0);
exports.EventEntity = EventEntity = __decorate([
    (0, typeorm_1.Entity)('events'),
    (0, typeorm_1.Index)('ix_events_agent_cursor', ['agentId', 'cursor']),
    (0, typeorm_1.Index)('ix_events_at', ['at'])
], EventEntity);
//# sourceMappingURL=event.entity.js.map