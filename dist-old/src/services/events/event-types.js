"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.LOG_LEVELS = exports.EVENT_KINDS = void 0;
exports.logLevelRank = logLevelRank;
exports.EVENT_KINDS = ['AGENT_STATUS', 'TASK_STATUS', 'WORKFLOW_RUN_STATUS', 'STEP_STATUS', 'LOG', 'EVIDENCE', 'SCHEDULE'];
exports.LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'];
function logLevelRank(level) {
    return exports.LOG_LEVELS.indexOf(level);
}
//# sourceMappingURL=event-types.js.map