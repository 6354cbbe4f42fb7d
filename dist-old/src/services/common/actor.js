"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SYSTEM_ACTOR = void 0;
exports.SYSTEM_ACTOR = Object.freeze({ name: 'system', correlationId: null });
//# sourceMappingURL=actor.js.map