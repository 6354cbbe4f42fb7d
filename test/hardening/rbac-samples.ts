import { uniqueName } from '../support/api-keys';

/** Root operations of the schema. */
export type Root = 'Query' | 'Mutation' | 'Subscription';
export type Role = 'VIEWER' | 'OPERATOR' | 'ADMIN';

const NO_SUCH_ID = '00000000-0000-4000-8000-00000000abcd';
const WORKFLOW = 'name: rbac-matrix\nsteps:\n  - id: only\n    task: noop\n';

/**
 * Arguments of a minimal valid call of every root field, keyed by "Root.field". A field added
 * to the schema without an entry here fails the matrix: whoever adds it says how to call it.
 * Ids name nothing (NOT_FOUND is an allowed outcome); what creates, creates something new.
 */
export const SAMPLE_ARGS: Record<string, () => Record<string, unknown>> = {
  'Query.me': () => ({}),
  'Query.apiKeys': () => ({}),
  'Query.metrics': () => ({ name: 'task.succeeded' }),
  'Query.schedules': () => ({}),
  'Query.tasks': () => ({ first: 1 }),
  'Query.task': () => ({ id: NO_SUCH_ID }),
  'Query.agentTypes': () => ({}),
  'Query.agents': () => ({ first: 1 }),
  'Query.agent': () => ({ id: NO_SUCH_ID }),
  'Query.auditLog': () => ({ first: 1 }),
  'Query.events': () => ({ first: 1 }),
  'Query.validateWorkflow': () => ({ definition: WORKFLOW }),
  'Query.workflows': () => ({ first: 1 }),
  'Query.workflow': () => ({ id: NO_SUCH_ID }),
  'Query.workflowRun': () => ({ id: NO_SUCH_ID }),
  'Query.evidence': () => ({ first: 1 }),
  'Query.verifyEvidence': () => ({ agentId: NO_SUCH_ID }),
  'Query.overview': () => ({}),
  'Mutation.createApiKey': () => ({ name: uniqueName('rbac-matrix-key'), role: 'VIEWER' }),
  'Mutation.revokeApiKey': () => ({ id: NO_SUCH_ID }),
  'Mutation.startAgent': () => ({ id: NO_SUCH_ID }),
  'Mutation.stopAgent': () => ({ id: NO_SUCH_ID }),
  'Mutation.createSchedule': () => ({ input: { agentId: NO_SUCH_ID, taskType: 'noop', cron: '0 0 1 1 *' } }),
  'Mutation.setScheduleEnabled': () => ({ id: NO_SUCH_ID, enabled: false }),
  'Mutation.deleteSchedule': () => ({ id: NO_SUCH_ID }),
  'Mutation.distributeTask': () => ({ input: { type: 'noop', agentId: NO_SUCH_ID } }),
  'Mutation.distributeTasks': () => ({ inputs: [{ type: 'noop', agentId: NO_SUCH_ID }] }),
  'Mutation.cancelTask': () => ({ id: NO_SUCH_ID }),
  'Mutation.retryTask': () => ({ id: NO_SUCH_ID }),
  'Mutation.createAgent': () => ({ input: { name: uniqueName('rbac-matrix-agent'), type: 'health-check', config: {} } }),
  'Mutation.updateAgent': () => ({ id: NO_SUCH_ID, input: { maxConcurrency: 2 } }),
  'Mutation.deleteAgent': () => ({ id: NO_SUCH_ID }),
  'Mutation.createWorkflow': () => ({ input: { definition: WORKFLOW } }),
  'Mutation.runWorkflow': () => ({ input: { name: 'rbac-no-such-workflow' } }),
  'Mutation.cancelWorkflowRun': () => ({ id: NO_SUCH_ID }),
  'Subscription.agentStatusChanged': () => ({}),
  'Subscription.taskUpdated': () => ({}),
  'Subscription.workflowRunUpdated': () => ({}),
  'Subscription.agentLogAdded': () => ({}),
  'Subscription.overviewUpdated': () => ({}),
  'Subscription.events': () => ({}),
};

/** Mutations an OPERATOR may run; every other mutation needs ADMIN (a new one too, until listed here). */
const OPERATOR_MUTATIONS = new Set(['startAgent', 'stopAgent', 'distributeTask', 'distributeTasks', 'cancelTask', 'retryTask', 'runWorkflow', 'cancelWorkflowRun', 'setScheduleEnabled']);
/** Queries only an ADMIN may run. */
const ADMIN_QUERIES = new Set(['apiKeys']);

/** The lowest role that may run a root field: queries and subscriptions VIEWER unless listed, mutations ADMIN unless listed. */
export function minimumRole(root: Root, field: string): Role {
  switch (root) {
    case 'Query':
      return ADMIN_QUERIES.has(field) ? 'ADMIN' : 'VIEWER';
    case 'Mutation':
      return OPERATOR_MUTATIONS.has(field) ? 'OPERATOR' : 'ADMIN';
    case 'Subscription':
      return 'VIEWER';
  }
}

const RANK: Record<Role, number> = { VIEWER: 0, OPERATOR: 1, ADMIN: 2 };
export const allows = (role: Role, minimum: Role): boolean => RANK[role] >= RANK[minimum];
