import { isUuid } from '../common/ids';
import { DomainError } from '../errors/domain-error';
import type { ChangeTransaction } from '../events/change-transaction';
import type { WorkflowStepDefinition } from './workflow-definition';
import { isStepFinished, type StepRunRecord } from './workflow-rows';
import { changeRun, changeStep, findAgentId, lockTasksNow, type LockedRun } from './workflow-run-store';
import type { WorkflowTaskPort } from './workflow-task-port';
import { substituteTemplates } from './workflow-templates';

/** Why a step of a run that failed (`runError`, the run's error) did not start. */
export const failedRunStepReason = (runError: string): string => `not started: the run failed (${runError})`;

/** Why a step of a run cancelled with `runError` (`cancelled by <actor>`) stopped. */
export const cancelledStepReason = (runError: string): string => `the run was ${runError}`;

/**
 * Moves a locked run forward inside the caller's transaction: starts every step whose
 * dependencies are done, applies failure policies, and finishes the run when nothing is left.
 * Callers hold the run's row lock (lockRun), so two transactions never advance a run at once.
 */
export class WorkflowAdvancer {
  constructor(
    private readonly port: WorkflowTaskPort,
    /** Largest substituted step payload, in bytes (config.maxPayloadBytes). */
    private readonly maxPayloadBytes: number,
  ) {}

  async advance(tx: ChangeTransaction, locked: LockedRun): Promise<void> {
    const definitions = new Map(locked.definition.steps.map((step) => [step.id, step]));
    const byId = new Map(locked.steps.map((step) => [step.stepId, step]));
    // Starting a step can fail at once (unknown agent, refused payload), which may free or skip others: loop until stable.
    for (let changed = true; changed && !isRunOver(locked); ) {
      changed = false;
      for (const step of locked.steps) {
        if (step.status !== 'PENDING' || isRunOver(locked)) continue;
        const definition = definitions.get(step.stepId)!;
        const deps = definition.dependsOn.map((id) => byId.get(id)!);
        const blocking = deps.find((dep) => isStepFinished(dep.status) && !satisfies(dep, definitions.get(dep.stepId)!));
        if (blocking !== undefined) {
          await changeStep(tx, locked.run, step, { status: 'SKIPPED', completedAt: new Date(), error: `dependency "${blocking.stepId}" ended ${blocking.status}` }, {
            level: 'INFO',
            message: `workflow step "${step.stepId}" skipped: dependency "${blocking.stepId}" ended ${blocking.status}`,
          });
          changed = true;
        } else if (deps.every((dep) => satisfies(dep, definitions.get(dep.stepId)!))) {
          await this.startStep(tx, locked, step, definition);
          changed = true;
        }
      }
    }
    await this.finishIfDone(tx, locked);
  }

  /** After a step ended FAILED or CANCELLED: with onFailure "fail" the run fails and steps not started are skipped. */
  async applyFailurePolicy(tx: ChangeTransaction, locked: LockedRun, step: StepRunRecord): Promise<void> {
    const definition = locked.definition.steps.find((candidate) => candidate.id === step.stepId);
    if (definition === undefined || definition.onFailure === 'continue' || isRunOver(locked)) return;
    const reason = `step "${step.stepId}" ${step.status === 'CANCELLED' ? 'was cancelled' : 'failed'}${step.error ? `: ${step.error}` : ''}`;
    await changeRun(tx, locked.run, { status: 'FAILED', error: reason, completedAt: new Date() }, { level: 'ERROR', message: `workflow run ${locked.run.id} of "${locked.workflowName}" failed: ${reason}` });
    await this.stopUnstartedSteps(tx, locked, 'SKIPPED', failedRunStepReason(reason));
  }

  /**
   * A failed or cancelled step whose task was retried (retryTask) follows its task again, when
   * nothing else keeps the run failed: the step is QUEUED again; a run its failure ended runs
   * again; the steps skipped for it are PENDING again (advance skips those whose dependencies
   * still did not succeed), but for those whose own task was retried meanwhile. A run that
   * succeeded anyway (onFailure "continue"), was cancelled, or has another step failed under
   * onFailure "fail" is left as it is: the task runs on its own.
   */
  async reopenForRetry(tx: ChangeTransaction, locked: LockedRun, step: StepRunRecord, task: { attempts: number; agentId: string }): Promise<void> {
    const { run } = locked;
    if (run.status === 'SUCCEEDED' || run.status === 'CANCELLED') return;
    const failsTheRun = (other: StepRunRecord) =>
      (other.status === 'FAILED' || other.status === 'CANCELLED') && locked.definition.steps.find((definition) => definition.id === other.stepId)?.onFailure !== 'continue';
    if (locked.steps.some((other) => other !== step && failsTheRun(other))) return;
    const retriedBy = `its task was retried by ${tx.actor.name}`;
    await changeStep(tx, run, step, { status: 'QUEUED', attempts: task.attempts, output: null, error: null, startedAt: null, completedAt: null }, {
      level: 'INFO',
      agentId: task.agentId,
      message: `workflow step "${step.stepId}" queued again: ${retriedBy}`,
    });
    if (run.status === 'FAILED') {
      await changeRun(tx, run, { status: 'RUNNING', error: null, completedAt: null }, {
        level: 'INFO',
        message: `workflow run ${run.id} of "${locked.workflowName}" running again: step "${step.stepId}" ${retriedBy}`,
      });
    }
    // A skipped step whose task an operator retried meanwhile runs on its own: starting it again
    // would run its work twice.
    const skipped = locked.steps.filter((other) => other.status === 'SKIPPED');
    const taskIds = skipped.flatMap((other) => (other.taskId === null ? [] : [other.taskId]));
    const taskRows: { id: string; status: string }[] = taskIds.length === 0 ? [] : await tx.manager.query('SELECT id, status FROM agent_tasks WHERE id = ANY($1::uuid[])', [taskIds]);
    const liveTasks = new Set(taskRows.filter((row) => row.status !== 'CANCELLED' && row.status !== 'FAILED').map((row) => row.id));
    for (const other of skipped) {
      if (other.taskId !== null && liveTasks.has(other.taskId)) continue;
      await changeStep(tx, run, other, { status: 'PENDING', error: null, completedAt: null }, {
        level: 'INFO',
        message: `workflow step "${other.stepId}" pending again: step "${step.stepId}" was retried`,
      });
    }
    await this.advance(tx, locked);
  }

  /**
   * PENDING steps become `status`; QUEUED ones too, with their task cancelled. A task whose row is
   * locked right now (a worker is changing it) is left alone: the hook then sees the finished run
   * (and, if the task is still QUEUED, calls stopHeldStep). RUNNING steps are not touched here.
   */
  async stopUnstartedSteps(tx: ChangeTransaction, locked: LockedRun, status: 'SKIPPED' | 'CANCELLED', reason: string): Promise<void> {
    const queued = locked.steps.filter((step) => step.status === 'QUEUED' && step.taskId !== null);
    const lockable = await lockTasksNow(tx, queued.map((step) => step.taskId!));
    for (const step of locked.steps) {
      if (step.status === 'PENDING') {
        await changeStep(tx, locked.run, step, { status: 'SKIPPED', error: reason, completedAt: new Date() }, { level: 'INFO', message: `workflow step "${step.stepId}" skipped: ${reason}` });
      } else if (step.status === 'QUEUED' && step.taskId !== null && lockable.has(step.taskId)) {
        await this.stopQueuedStep(tx, locked, step, step.taskId, status, reason);
      }
    }
  }

  /**
   * A QUEUED step of a stopped run (CANCELLED or FAILED) whose task stopUnstartedSteps left alone,
   * locked by a worker that then left it QUEUED: stopped now, as the stop would have.
   */
  async stopHeldStep(tx: ChangeTransaction, locked: LockedRun, step: StepRunRecord, taskId: string): Promise<void> {
    const runError = locked.run.error ?? locked.run.status.toLowerCase();
    if (locked.run.status === 'CANCELLED') await this.stopQueuedStep(tx, locked, step, taskId, 'CANCELLED', cancelledStepReason(runError));
    else await this.stopQueuedStep(tx, locked, step, taskId, 'SKIPPED', failedRunStepReason(runError));
  }

  private async stopQueuedStep(tx: ChangeTransaction, locked: LockedRun, step: StepRunRecord, taskId: string, status: 'SKIPPED' | 'CANCELLED', reason: string): Promise<void> {
    // The step is final before the task is cancelled, so the hook the cancel may fire finds nothing to do.
    await changeStep(tx, locked.run, step, { status, error: reason, completedAt: new Date() }, { level: 'INFO', message: `workflow step "${step.stepId}" ${status.toLowerCase()}: ${reason}` });
    await this.port.cancel(tx, taskId);
  }

  private async startStep(tx: ChangeTransaction, locked: LockedRun, step: StepRunRecord, definition: WorkflowStepDefinition): Promise<void> {
    const outputs = new Map(locked.steps.filter((other) => other.status === 'SUCCEEDED').map((other) => [other.stepId, other.output]));
    const payload = substituteTemplates(definition.payload, { input: locked.run.input ?? {}, outputs });
    let agentId: string | null = null;
    if (definition.agent !== null) {
      agentId = await findAgentId(tx, definition.agent, isUuid(definition.agent));
      if (agentId === null) return this.failToStart(tx, locked, step, `agent "${definition.agent}" does not exist`);
    }
    const bytes = Buffer.byteLength(JSON.stringify(payload), 'utf8');
    if (bytes > this.maxPayloadBytes) return this.failToStart(tx, locked, step, `the substituted payload is ${bytes} bytes; the limit is ${this.maxPayloadBytes}`);
    // A savepoint, so a refused enqueue leaves nothing of the task behind and the run carries on.
    await tx.manager.query('SAVEPOINT workflow_step_start');
    let task: { id: string; agentId: string };
    try {
      task = await this.port.enqueue(tx, {
        type: definition.task,
        payload,
        agentId,
        agentType: definition.agentType,
        maxAttempts: definition.maxAttempts,
        timeoutSeconds: definition.timeoutSeconds,
        priority: definition.priority,
        workflowRunId: locked.run.id,
        stepId: step.stepId,
      });
    } catch (error: unknown) {
      await tx.manager.query('ROLLBACK TO SAVEPOINT workflow_step_start');
      if (!(error instanceof DomainError)) throw error;
      return this.failToStart(tx, locked, step, `${error.code}: ${error.message}`);
    }
    await tx.manager.query('RELEASE SAVEPOINT workflow_step_start');
    await changeStep(tx, locked.run, step, { status: 'QUEUED', taskId: task.id, error: null }, {
      level: 'DEBUG',
      agentId: task.agentId,
      message: `workflow step "${step.stepId}" queued as task ${task.id} (${definition.task})`,
    });
  }

  /** A step whose task could not even be queued fails with the reason; its onFailure policy applies. */
  private async failToStart(tx: ChangeTransaction, locked: LockedRun, step: StepRunRecord, reason: string): Promise<void> {
    await changeStep(tx, locked.run, step, { status: 'FAILED', error: reason, completedAt: new Date() }, { level: 'ERROR', message: `workflow step "${step.stepId}" could not start: ${reason}` });
    await this.applyFailurePolicy(tx, locked, step);
  }

  private async finishIfDone(tx: ChangeTransaction, locked: LockedRun): Promise<void> {
    if (isRunOver(locked) || !locked.steps.every((step) => isStepFinished(step.status))) return;
    const now = new Date();
    await changeRun(tx, locked.run, { status: 'SUCCEEDED', error: null, startedAt: locked.run.startedAt ?? now, completedAt: now }, {
      level: 'INFO',
      message: `workflow run ${locked.run.id} of "${locked.workflowName}" version ${locked.workflowVersion} succeeded`,
    });
  }
}

/** A finished dependency lets its dependents start: SUCCEEDED, or FAILED/CANCELLED with onFailure "continue". */
function satisfies(dep: StepRunRecord, definition: WorkflowStepDefinition): boolean {
  if (dep.status === 'SUCCEEDED') return true;
  return (dep.status === 'FAILED' || dep.status === 'CANCELLED') && definition.onFailure === 'continue';
}

function isRunOver(locked: LockedRun): boolean {
  const status = locked.run.status;
  return status === 'SUCCEEDED' || status === 'FAILED' || status === 'CANCELLED';
}
