import type { JobHelpers } from 'graphile-worker';
import { isUuid } from '../services/common/ids';
import type { TaskExecutor } from '../services/tasks/task-executor';

/** graphile-worker task `task.run`: runs one attempt of one of our tasks. */
export function taskRunJob(executor: TaskExecutor) {
  return async (payload: unknown, helpers: JobHelpers): Promise<void> => {
    const taskId = (payload as { taskId?: unknown } | null)?.taskId;
    if (typeof taskId !== 'string' || !isUuid(taskId)) {
      // A malformed job can never succeed: log it and let it complete rather than retry forever.
      helpers.logger.error(`task.run job ${helpers.job.id} has no valid taskId; dropping it`);
      return;
    }
    await executor.runJob(taskId, String(helpers.job.id));
  };
}
