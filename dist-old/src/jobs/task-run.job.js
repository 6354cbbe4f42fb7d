"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.taskRunJob = taskRunJob;
const ids_1 = require("../services/common/ids");
/** graphile-worker task `task.run`: runs one attempt of one of our tasks. */
function taskRunJob(executor) {
    return async (payload, helpers) => {
        const taskId = payload?.taskId;
        if (typeof taskId !== 'string' || !(0, ids_1.isUuid)(taskId)) {
            // A malformed job can never succeed: log it and let it complete rather than retry forever.
            helpers.logger.error(`task.run job ${helpers.job.id} has no valid taskId; dropping it`);
            return;
        }
        await executor.runJob(taskId, String(helpers.job.id));
    };
}
//# sourceMappingURL=task-run.job.js.map