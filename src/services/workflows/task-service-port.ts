import type { ChangeTransaction } from '../events/change-transaction';
import { lockTask } from '../tasks/task-events';
import type { TaskService } from '../tasks/task.service';
import type { WorkflowTaskPort, WorkflowTaskSpec } from './workflow-task-port';

/** The task engine seen through the workflow engine's port. */
export class TaskServicePort implements WorkflowTaskPort {
  constructor(private readonly taskService: TaskService) {}

  async enqueue(tx: ChangeTransaction, spec: WorkflowTaskSpec): Promise<{ id: string; agentId: string }> {
    const task = await this.taskService.enqueue(tx, spec);
    return { id: task.id, agentId: task.agentId };
  }

  async cancel(tx: ChangeTransaction, taskId: string): Promise<void> {
    const task = await lockTask(tx, taskId);
    if (task !== null) await this.taskService.cancelInTransaction(tx, task, 'its workflow run stopped');
  }
}
