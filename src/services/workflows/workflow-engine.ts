import type { Actor } from '../common/actor';
import { checkUuid } from '../common/ids';
import { checkJsonInput } from '../common/json-input';
import { badInput, conflict, notFound } from '../errors/domain-error';
import type { ChangeRunner } from '../events/change-runner';
import type { ChangeTransaction } from '../events/change-transaction';
import type { TaskView } from '../tasks/task-row';
import { cancelledStepReason, WorkflowAdvancer } from './workflow-advancer';
import { topologicalOrder } from './workflow-graph';
import { isRunFinished, isStepFinished, runSnapshot, type WorkflowRunSnapshot } from './workflow-rows';
import { changeRun, changeStep, insertRun, lockRun, lockTasksNow, type LockedRun, type StepChange } from './workflow-run-store';
import type { WorkflowTaskPort } from './workflow-task-port';
import type { WorkflowService } from './workflow.service';

const TASK_STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const;
type TaskStatus = (typeof TASK_STATUSES)[number];

export interface RunWorkflowCommand {
  /** This exact version, or: */
  workflowId?: string | null;
  /** the latest version of this name (or `version`). */
  name?: string | null;
  version?: number | null;
  /** A JSON object; absent: {}. */
  input?: unknown;
}

export interface WorkflowEngineOptions {
  /** Largest run input and substituted step payload, serialised, in bytes (config.maxPayloadBytes). */
  maxPayloadBytes: number;
}

/**
 * Runs workflows as tasks. State lives only in the database and every change happens in one
 * transaction under the run's row lock, so a run survives restarts and is advanced exactly once
 * per task change, however many workers race.
 *
 * Decisions: a step whose agent cannot be found or whose task is refused (AGENT_NOT_RUNNING,
 * NO_AGENT_AVAILABLE, BAD_USER_INPUT) FAILS with the reason, for the first step as for any other:
 * runWorkflow refuses only bad input and unknown workflows. With onFailure "fail" the run fails at
 * once, steps not started (PENDING, and QUEUED ones whose task is then cancelled) become SKIPPED,
 * and RUNNING steps finish on their own (their outcome is recorded, nothing else starts).
 * A step's task cancelled outside cancelWorkflowRun counts as a failure of the step.
 */
export class WorkflowEngine {
  private readonly advancer: WorkflowAdvancer;

  constructor(
    private readonly changes: ChangeRunner,
    private readonly workflows: WorkflowService,
    private readonly port: WorkflowTaskPort,
    private readonly options: WorkflowEngineOptions,
  ) {
    this.advancer = new WorkflowAdvancer(port, options.maxPayloadBytes);
  }

  /** runWorkflow: creates the run PENDING and queues its first steps; RUNNING follows when a task starts. */
  async start(actor: Actor, command: RunWorkflowCommand): Promise<WorkflowRunSnapshot> {
    const workflow = await this.findWorkflow(command);
    const input = command.input === undefined || command.input === null ? {} : command.input;
    if (typeof input !== 'object' || Array.isArray(input)) throw badInput('input must be a JSON object', 'input.input');
    checkJsonInput(input, this.options.maxPayloadBytes, 'input.input');
    const order = topologicalOrder(workflow.definition.steps)!;
    return this.changes.run(actor, async (tx) => {
      const { run, steps } = await insertRun(tx, workflow.id, input, order);
      await tx.record(
        { kind: 'WORKFLOW_RUN_STATUS', workflowRunId: run.id, status: run.status, previousStatus: null, data: { action: 'workflow.run', run: runSnapshot(run), workflow: { id: workflow.id, name: workflow.name, version: workflow.version } } },
        { level: 'INFO', message: `workflow "${workflow.name}" version ${workflow.version} run ${run.id} started by ${actor.name}`, metadata: { workflowRunId: run.id, workflowId: workflow.id } },
      );
      const locked: LockedRun = { run, definition: workflow.definition, workflowName: workflow.name, workflowVersion: workflow.version, steps };
      await this.advancer.advance(tx, locked);
      return { ...locked.run, steps: locked.steps };
    });
  }

  /** cancelWorkflowRun: the run ends CANCELLED now; queued steps are cancelled, running ones aborted. */
  async cancel(actor: Actor, id: string): Promise<WorkflowRunSnapshot> {
    const runId = checkUuid(id, 'id');
    return this.changes.run(actor, async (tx) => {
      const locked = await lockRun(tx, runId);
      if (locked === null) throw notFound('workflow run', runId);
      if (isRunFinished(locked.run.status)) throw conflict(`workflow run ${runId} is already ${locked.run.status}`);
      const error = `cancelled by ${actor.name}`;
      await changeRun(tx, locked.run, { status: 'CANCELLED', error, completedAt: new Date() }, {
        level: 'WARN',
        message: `workflow run ${runId} of "${locked.workflowName}" version ${locked.workflowVersion} ${error}`,
      });
      await this.advancer.stopUnstartedSteps(tx, locked, 'CANCELLED', cancelledStepReason(error));
      const running = locked.steps.filter((step) => step.status === 'RUNNING' && step.taskId !== null);
      const lockable = await lockTasksNow(tx, running.map((step) => step.taskId!));
      // A running step ends when its task does (CANCELLED once the worker aborts it); a task locked
      // right now by a worker is cancelled by the hook when that worker's change commits.
      for (const step of running) if (lockable.has(step.taskId!)) await this.port.cancel(tx, step.taskId!);
      return { ...locked.run, steps: locked.steps };
    });
  }

  /**
   * The task engine's hook, called inside the transaction in which a workflow task changes
   * (RUNNING, a retry's attempt, SUCCEEDED, FAILED after its last attempt, CANCELLED).
   */
  async onTaskChanged(tx: ChangeTransaction, task: TaskView, previousStatus: string | null): Promise<void> {
    if (task.workflowRunId === null || task.stepId === null) return;
    // A task being created: the step that asked for it records QUEUED itself once enqueue returns.
    if (previousStatus === null && task.status === 'QUEUED') return;
    const locked = await lockRun(tx, task.workflowRunId);
    const step = locked?.steps.find((candidate) => candidate.stepId === task.stepId);
    // Not (or no longer) this step's task.
    if (locked === undefined || locked === null || step === undefined || step.taskId !== task.id) return;
    if (isStepFinished(step.status)) {
      // A failed or cancelled step's task retried (retryTask): the step may follow it again.
      const retried = task.status === 'QUEUED' && (previousStatus === 'FAILED' || previousStatus === 'CANCELLED') && (step.status === 'FAILED' || step.status === 'CANCELLED');
      if (retried) await this.advancer.reopenForRetry(tx, locked, step, task);
      // Otherwise a step the run already settled (skipped, cancelled).
      return;
    }
    const change = stepChangeFor(task, step.startedAt);
    if (change === null) return;
    const moved = change.status !== step.status || change.attempts !== step.attempts || (change.error ?? null) !== step.error;
    if (moved) {
      await changeStep(tx, locked.run, step, change, {
        level: change.status === 'FAILED' ? 'ERROR' : change.status === 'SUCCEEDED' || change.status === 'CANCELLED' ? 'INFO' : 'DEBUG',
        agentId: task.agentId,
        message: `workflow step "${step.stepId}" ${change.status.toLowerCase()}${previousStatus === null ? '' : ` (task ${previousStatus} → ${task.status}, attempt ${task.attempts})`}${change.error ? `: ${change.error}` : ''}`,
      });
    }
    // The run stopped while a worker held this step's task, which the stop then left alone; the
    // worker left it QUEUED (its agent had no free slot) and never started it: stop it as the
    // stop would have (a retry's QUEUED comes from RUNNING and is the step's own, left to run).
    if ((locked.run.status === 'CANCELLED' || locked.run.status === 'FAILED') && step.status === 'QUEUED' && step.startedAt === null && previousStatus === 'QUEUED' && task.status === 'QUEUED') {
      await this.advancer.stopHeldStep(tx, locked, step, task.id);
      return;
    }
    if (locked.run.status === 'CANCELLED' && (task.status === 'QUEUED' || task.status === 'RUNNING')) {
      await this.port.cancel(tx, task.id);
      return;
    }
    if (isRunFinished(locked.run.status)) return;
    if (step.status === 'RUNNING' && locked.run.status === 'PENDING') {
      await changeRun(tx, locked.run, { status: 'RUNNING', startedAt: step.startedAt ?? new Date() }, { level: 'INFO', message: `workflow run ${locked.run.id} of "${locked.workflowName}" running` });
    }
    if (step.status === 'FAILED' || step.status === 'CANCELLED') await this.advancer.applyFailurePolicy(tx, locked, step);
    if (isStepFinished(step.status)) await this.advancer.advance(tx, locked);
  }

  private async findWorkflow(command: RunWorkflowCommand) {
    const hasId = command.workflowId !== undefined && command.workflowId !== null;
    const hasName = command.name !== undefined && command.name !== null;
    if (hasId && hasName) throw badInput('give workflowId or name, not both', 'input.workflowId');
    if (hasId) {
      if (command.version !== undefined && command.version !== null) throw badInput('version goes with name, not workflowId', 'input.version');
      const workflow = await this.workflows.get(checkUuid(command.workflowId!, 'input.workflowId'));
      if (workflow === null) throw notFound('workflow', command.workflowId!);
      return workflow;
    }
    if (!hasName) throw badInput('give workflowId, or name (and optionally version)', 'input.workflowId');
    const workflow = await this.workflows.findByName(command.name!, command.version ?? null);
    if (workflow === null) throw notFound('workflow', command.version == null ? `"${command.name}"` : `"${command.name}" version ${command.version}`);
    return workflow;
  }
}

/** The step's new state mirroring its task; null for a task status the step does not follow. */
function stepChangeFor(task: TaskView, startedAt: Date | null): StepChange | null {
  if (!(TASK_STATUSES as readonly string[]).includes(task.status)) return null;
  const base = { attempts: task.attempts, error: task.error };
  const status = task.status as TaskStatus;
  switch (status) {
    case 'QUEUED':
      return { ...base, status };
    case 'RUNNING':
      return { ...base, status, startedAt: startedAt ?? task.startedAt ?? new Date() };
    case 'SUCCEEDED':
      return { ...base, status, error: null, output: task.result ?? null, startedAt: startedAt ?? task.startedAt, completedAt: task.completedAt ?? new Date() };
    case 'FAILED':
    case 'CANCELLED':
      return { ...base, status, startedAt: startedAt ?? task.startedAt, completedAt: task.completedAt ?? new Date() };
  }
}
