import type { LiveEvent, StepRun, StepStatus, WorkflowRun } from '../api/types';
import { WORKFLOW_RUN, WORKFLOW_RUN_UPDATED } from '../api/workflow-queries';
import { useAsync, type AsyncState } from '../hooks/use-async';
import { useEventFeed } from '../hooks/use-event-feed';
import { useSubscription } from '../hooks/use-subscription';
import { useSession } from '../session/session-context';

/** data.step of a STEP_STATUS event. */
interface StepSnapshot {
  runId: string;
  stepId: string;
  status: StepStatus;
  taskId: string | null;
  attempts: number;
  output: unknown;
  error: string | null;
  startedAt: string | null;
  completedAt: string | null;
}

function applyStep(run: WorkflowRun, step: StepSnapshot): WorkflowRun {
  const steps = run.steps.map((each): StepRun => {
    if (each.stepId !== step.stepId) return each;
    const task = step.taskId === null ? each.task : each.task?.id === step.taskId ? each.task : { id: step.taskId, agent: null };
    return { ...each, status: step.status, attempts: step.attempts, output: step.output, error: step.error, startedAt: step.startedAt, completedAt: step.completedAt, task };
  });
  return { ...run, steps };
}

/**
 * One run, live: the run's own status (with every step) from workflowRunUpdated(runId), each
 * step's change from the STEP_STATUS events in commit order; after a reconnect the run is
 * read again and the feed resumes after its last cursor.
 */
export function useWorkflowRun(runId: string): AsyncState<WorkflowRun | null> {
  const { http } = useSession();
  const state = useAsync(() => http.request<{ workflowRun: WorkflowRun | null }>(WORKFLOW_RUN, { id: runId }).then((data) => data.workflowRun), [http, runId]);
  useSubscription<{ workflowRunUpdated: WorkflowRun }>({
    query: WORKFLOW_RUN_UPDATED,
    variables: { runId },
    onData: ({ workflowRunUpdated }) => state.setData(() => workflowRunUpdated),
  });
  useEventFeed({
    kinds: ['STEP_STATUS'],
    withData: true,
    flushMs: 100,
    onEvents: (events: LiveEvent[]) => {
      const mine = events.filter((event) => event.workflowRunId === runId && event.data?.['step']).map((event) => event.data!['step'] as StepSnapshot);
      if (mine.length > 0) state.setData((run) => (run ? mine.reduce(applyStep, run) : run));
    },
    onResync: state.reload,
  });
  return state;
}
