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
exports.EventOutboxEntity = void 0;
const typeorm_1 = require("typeorm");
const event_columns_entity_1 = require("./event-columns.entity");
/**
 * Events written by committed changes and not yet given their cursor. A change inserts here
 * (no lock, so changes commit side by side); the event sequencer moves rows to `events` in
 * batches, numbering them in the order its serialised transactions commit.
 */
let EventOutboxEntity = class EventOutboxEntity extends event_columns_entity_1.EventColumns {
    id;
    /** The transaction that wrote the row: the sequencer numbers a transaction's events together. */
    tx;
};
exports.EventOutboxEntity = EventOutboxEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_event_outbox' }),
    __metadata("design:type", String)
], EventOutboxEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)('bigint', { default: () => 'txid_current()' }),
    __metadata("design:type", String)
], EventOutboxEntity.prototype, "tx", void 0);
exports.EventOutboxEntity = EventOutboxEntity = __decorate([
    (0, typeorm_1.Entity)('event_outbox')
], EventOutboxEntity);
//# sourceMappingURL=event-outbox.entity.js.map