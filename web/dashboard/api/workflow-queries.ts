// Workflow definitions, validation, runs.

const WORKFLOW_FIELDS = `id name version createdAt source definition`;

export const WORKFLOWS = `query Workflows($first: Int!) {
  workflows(first: $first) { edges { node { id name version createdAt } } totalCount }
}`;

export const WORKFLOW = `query Workflow($id: ID!) {
  workflow(id: $id) {
    ${WORKFLOW_FIELDS}
    runs(first: 10) { edges { node { id status error createdAt startedAt completedAt } } totalCount }
  }
}`;

export const VALIDATE_WORKFLOW = `query ValidateWorkflow($definition: String!) {
  validateWorkflow(definition: $definition) { valid problems { message path line } stepOrder }
}`;

export const CREATE_WORKFLOW = `mutation CreateWorkflow($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id name version } }`;

export const RUN_WORKFLOW = `mutation RunWorkflow($input: RunWorkflowInput!) { runWorkflow(input: $input) { id status } }`;

const RUN_FIELDS = `fragment RunFields on WorkflowRun {
  id status input error createdAt startedAt completedAt
  workflow { id name version createdAt source definition }
  steps { stepId status attempts output error startedAt completedAt task { id agent { id name } } }
}`;

export const WORKFLOW_RUN = `query WorkflowRun($id: ID!) { workflowRun(id: $id) { ...RunFields } }
${RUN_FIELDS}`;

export const WORKFLOW_RUN_UPDATED = `subscription WorkflowRunUpdated($runId: ID) { workflowRunUpdated(runId: $runId) { ...RunFields } }
${RUN_FIELDS}`;

/** Every run's status, for the run lists (no steps: cheap for the server). */
export const RUNS_UPDATED = `subscription RunsUpdated { workflowRunUpdated { id status error createdAt startedAt completedAt workflow { id } } }`;

export const CANCEL_WORKFLOW_RUN = `mutation CancelWorkflowRun($id: ID!) { cancelWorkflowRun(id: $id) { id status } }`;
