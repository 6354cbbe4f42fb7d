"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.WorkflowEngine = void 0;
const ids_1 = require("../common/ids");
const json_input_1 = require("../common/json-input");
const domain_error_1 = require("../errors/domain-error");
const workflow_advancer_1 = require("./workflow-advancer");
const workflow_graph_1 = require("./workflow-graph");
const workflow_rows_1 = require("./workflow-rows");
const workflow_run_store_1 = require("./workflow-run-store");
const TASK_STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];
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
class WorkflowEngine {
    changes;
    workflows;
    port;
    options;
    advancer;
    constructor(changes, workflows, port, options) {
        this.changes = changes;
        this.workflows = workflows;
        this.port = port;
        this.options = options;
        this.advancer = new workflow_advancer_1.WorkflowAdvancer(port, options.maxPayloadBytes);
    }
    /** runWorkflow: creates the run PENDING and queues its first steps; RUNNING follows when a task starts. */
    async start(actor, command) {
        const workflow = await this.findWorkflow(command);
        const input = command.input === undefined || command.input === null ? {} : command.input;
        if (typeof input !== 'object' || Array.isArray(input))
            throw (0, domain_error_1.badInput)('input must be a JSON object', 'input.input');
        (0, json_input_1.checkJsonInput)(input, this.options.maxPayloadBytes, 'input.input');
        const order = (0, workflow_graph_1.topologicalOrder)(workflow.definition.steps);
        return this.changes.run(actor, async (tx) => {
            const { run, steps } = await (0, workflow_run_store_1.insertRun)(tx, workflow.id, input, order);
            await tx.record({ kind: 'WORKFLOW_RUN_STATUS', workflowRunId: run.id, status: run.status, previousStatus: null, data: { action: 'workflow.run', run: (0, workflow_rows_1.runSnapshot)(run), workflow: { id: workflow.id, name: workflow.name, version: workflow.version } } }, { level: 'INFO', message: `workflow "${workflow.name}" version ${workflow.version} run ${run.id} started by ${actor.name}`, metadata: { workflowRunId: run.id, workflowId: workflow.id } });
            const locked = { run, definition: workflow.definition, workflowName: workflow.name, workflowVersion: workflow.version, steps };
            await this.advancer.advance(tx, locked);
            return { ...locked.run, steps: locked.steps };
        });
    }
    /** cancelWorkflowRun: the run ends CANCELLED now; queued steps are cancelled, running ones aborted. */
    async cancel(actor, id) {
        const runId = (0, ids_1.checkUuid)(id, 'id');
        return this.changes.run(actor, async (tx) => {
            const locked = await (0, workflow_run_store_1.lockRun)(tx, runId);
            if (locked === null)
                throw (0, domain_error_1.notFound)('workflow run', runId);
            if ((0, workflow_rows_1.isRunFinished)(locked.run.status))
                throw (0, domain_error_1.conflict)(`workflow run ${runId} is already ${locked.run.status}`);
            await (0, workflow_run_store_1.changeRun)(tx, locked.run, { status: 'CANCELLED', error: `cancelled by ${actor.name}`, completedAt: new Date() }, {
                level: 'WARN',
                message: `workflow run ${runId} of "${locked.workflowName}" version ${locked.workflowVersion} cancelled by ${actor.name}`,
            });
            await this.advancer.stopUnstartedSteps(tx, locked, 'CANCELLED', `the run was cancelled by ${actor.name}`);
            const running = locked.steps.filter((step) => step.status === 'RUNNING' && step.taskId !== null);
            const lockable = await (0, workflow_run_store_1.lockTasksNow)(tx, running.map((step) => step.taskId));
            // A running step ends when its task does (CANCELLED once the worker aborts it); a task locked
            // right now by a worker is cancelled by the hook when that worker's change commits.
            for (const step of running)
                if (lockable.has(step.taskId))
                    await this.port.cancel(tx, step.taskId);
            return { ...locked.run, steps: locked.steps };
        });
    }
    /**
     * The task engine's hook, called inside the transaction in which a workflow task changes
     * (RUNNING, a retry's attempt, SUCCEEDED, FAILED after its last attempt, CANCELLED).
     */
    async onTaskChanged(tx, task, previousStatus) {
        if (task.workflowRunId === null || task.stepId === null)
            return;
        // A task being created: the step that asked for it records QUEUED itself once enqueue returns.
        if (previousStatus === null && task.status === 'QUEUED')
            return;
        const locked = await (0, workflow_run_store_1.lockRun)(tx, task.workflowRunId);
        const step = locked?.steps.find((candidate) => candidate.stepId === task.stepId);
        // Not (or no longer) this step's task.
        if (locked === undefined || locked === null || step === undefined || step.taskId !== task.id)
            return;
        if ((0, workflow_rows_1.isStepFinished)(step.status)) {
            // A failed or cancelled step's task retried (retryTask): the step may follow it again.
            const retried = task.status === 'QUEUED' && (previousStatus === 'FAILED' || previousStatus === 'CANCELLED') && (step.status === 'FAILED' || step.status === 'CANCELLED');
            if (retried)
                await this.advancer.reopenForRetry(tx, locked, step, task);
            // Otherwise a step the run already settled (skipped, cancelled).
            return;
        }
        const change = stepChangeFor(task, step.startedAt);
        if (change === null)
            return;
        const moved = change.status !== step.status || change.attempts !== step.attempts || (change.error ?? null) !== step.error;
        if (moved) {
            await (0, workflow_run_store_1.changeStep)(tx, locked.run, step, change, {
                level: change.status === 'FAILED' ? 'ERROR' : change.status === 'SUCCEEDED' || change.status === 'CANCELLED' ? 'INFO' : 'DEBUG',
                agentId: task.agentId,
                message: `workflow step "${step.stepId}" ${change.status.toLowerCase()}${previousStatus === null ? '' : ` (task ${previousStatus} → ${task.status}, attempt ${task.attempts})`}${change.error ? `: ${change.error}` : ''}`,
            });
        }
        if (locked.run.status === 'CANCELLED' && (task.status === 'QUEUED' || task.status === 'RUNNING')) {
            await this.port.cancel(tx, task.id);
            return;
        }
        if ((0, workflow_rows_1.isRunFinished)(locked.run.status))
            return;
        if (step.status === 'RUNNING' && locked.run.status === 'PENDING') {
            await (0, workflow_run_store_1.changeRun)(tx, locked.run, { status: 'RUNNING', startedAt: step.startedAt ?? new Date() }, { level: 'INFO', message: `workflow run ${locked.run.id} of "${locked.workflowName}" running` });
        }
        if (step.status === 'FAILED' || step.status === 'CANCELLED')
            await this.advancer.applyFailurePolicy(tx, locked, step);
        if ((0, workflow_rows_1.isStepFinished)(step.status))
            await this.advancer.advance(tx, locked);
    }
    async findWorkflow(command) {
        const hasId = command.workflowId !== undefined && command.workflowId !== null;
        const hasName = command.name !== undefined && command.name !== null;
        if (hasId && hasName)
            throw (0, domain_error_1.badInput)('give workflowId or name, not both', 'input.workflowId');
        if (hasId) {
            if (command.version !== undefined && command.version !== null)
                throw (0, domain_error_1.badInput)('version goes with name, not workflowId', 'input.version');
            const workflow = await this.workflows.get((0, ids_1.checkUuid)(command.workflowId, 'input.workflowId'));
            if (workflow === null)
                throw (0, domain_error_1.notFound)('workflow', command.workflowId);
            return workflow;
        }
        if (!hasName)
            throw (0, domain_error_1.badInput)('give workflowId, or name (and optionally version)', 'input.workflowId');
        const workflow = await this.workflows.findByName(command.name, command.version ?? null);
        if (workflow === null)
            throw (0, domain_error_1.notFound)('workflow', command.version == null ? `"${command.name}"` : `"${command.name}" version ${command.version}`);
        return workflow;
    }
}
exports.WorkflowEngine = WorkflowEngine;
/** The step's new state mirroring its task; null for a task status the step does not follow. */
function stepChangeFor(task, startedAt) {
    if (!TASK_STATUSES.includes(task.status))
        return null;
    const base = { attempts: task.attempts, error: task.error };
    const status = task.status;
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
//# sourceMappingURL=workflow-engine.js.map