"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=workflow-task-port.js.map