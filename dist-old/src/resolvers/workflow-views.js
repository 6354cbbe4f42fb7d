"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.workflowView = workflowView;
exports.workflowRunView = workflowRunView;
exports.stepRunView = stepRunView;
// Presentation only: workflow rows to their GraphQL shapes.
function workflowView(record) {
    return { id: record.id, name: record.name, version: record.version, definition: record.definition, source: record.source, createdAt: record.createdAt };
}
function workflowRunView(record) {
    return {
        id: record.id,
        workflowId: record.workflowId,
        status: record.status,
        input: record.input,
        error: record.error,
        createdAt: record.createdAt,
        startedAt: record.startedAt,
        completedAt: record.completedAt,
    };
}
function stepRunView(record) {
    return {
        runId: record.runId,
        taskId: record.taskId,
        stepId: record.stepId,
        status: record.status,
        attempts: record.attempts,
        output: record.output,
        error: record.error,
        startedAt: record.startedAt,
        completedAt: record.completedAt,
    };
}
//# sourceMappingURL=workflow-views.js.map