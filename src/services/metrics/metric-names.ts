/** Metric names the engine records per agent in agent_metrics. */
export const METRIC = Object.freeze({
  taskDurationMs: 'task.duration_ms',
  taskSucceeded: 'task.succeeded',
  taskFailed: 'task.failed',
  taskQueueWaitMs: 'task.queue_wait_ms',
});

export interface MetricSample {
  agentId: string | null;
  taskId: string | null;
  name: string;
  value: number;
}
