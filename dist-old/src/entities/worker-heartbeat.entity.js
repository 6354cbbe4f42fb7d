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
exports.WorkerHeartbeatEntity = void 0;
const typeorm_1 = require("typeorm");
/** Liveness of each worker process; a stale heartbeat lets another worker take over its jobs. */
let WorkerHeartbeatEntity = class WorkerHeartbeatEntity {
    workerId;
    hostname;
    pid;
    startedAt;
    heartbeatAt;
    /** graphile-worker's ids of this process's workers: what forceUnlockWorkers takes. */
    graphileWorkerIds;
    stoppedAt;
};
exports.WorkerHeartbeatEntity = WorkerHeartbeatEntity;
__decorate([
    (0, typeorm_1.PrimaryColumn)('text', { name: 'worker_id' }),
    __metadata("design:type", String)
], WorkerHeartbeatEntity.prototype, "workerId", void 0);
__decorate([
    (0, typeorm_1.Column)('text'),
    __metadata("design:type", String)
], WorkerHeartbeatEntity.prototype, "hostname", void 0);
__decorate([
    (0, typeorm_1.Column)('integer'),
    __metadata("design:type", Number)
], WorkerHeartbeatEntity.prototype, "pid", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'started_at', default: () => 'now()' }),
    __metadata("design:type", Date)
], WorkerHeartbeatEntity.prototype, "startedAt", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'heartbeat_at', default: () => 'now()' }),
    __metadata("design:type", Date)
], WorkerHeartbeatEntity.prototype, "heartbeatAt", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { name: 'graphile_worker_ids', array: true, default: () => "'{}'" }),
    __metadata("design:type", Array)
], WorkerHeartbeatEntity.prototype, "graphileWorkerIds", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { name: 'stopped_at', nullable: true }),
    __metadata("design:type", Object)
], WorkerHeartbeatEntity.prototype, "stoppedAt", void 0);
exports.WorkerHeartbeatEntity = WorkerHeartbeatEntity = __decorate([
    (0, typeorm_1.Entity)('worker_heartbeats')
], WorkerHeartbeatEntity);
//# sourceMappingURL=worker-heartbeat.entity.js.map