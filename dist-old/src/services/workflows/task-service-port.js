"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TaskServicePort = void 0;
const task_events_1 = require("../tasks/task-events");
/** The task engine seen through the workflow engine's port. */
class TaskServicePort {
    taskService;
    constructor(taskService) {
        this.taskService = taskService;
    }
    async enqueue(tx, spec) {
        const task = await this.taskService.enqueue(tx, spec);
        return { id: task.id, agentId: task.agentId };
    }
    async cancel(tx, taskId) {
        const task = await (0, task_events_1.lockTask)(tx, taskId);
        if (task !== null)
            await this.taskService.cancelInTransaction(tx, task, 'its workflow run stopped');
    }
}
exports.TaskServicePort = TaskServicePort;
//# sourceMappingURL=task-service-port.js.map