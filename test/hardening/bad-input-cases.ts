import { deepJson } from './json-text';

/** What the corpus runs against: made once, before the table, with valid requests. */
export interface Fixtures {
  /** A RUNNING health-check agent. */
  agentId: string;
  agentName: string;
  /** A health-check agent never started (CREATED). */
  idleAgentId: string;
  idleAgentName: string;
  succeededTaskId: string;
  workflowId: string;
  workflowName: string;
  /** A run that SUCCEEDED. */
  finishedRunId: string;
  /** A disabled schedule of the running agent. */
  scheduleId: string;
  revokedKeyId: string;
}

export interface BadInput {
  /** The mutation attacked. */
  mutation: string;
  what: string;
  query: string;
  variables?: (fixtures: Fixtures) => Record<string, unknown>;
  /** An HTTP body sent as it is, for what no JSON encoder produces (HTTP only). */
  rawBody?: string;
  /** The expected extensions.code of the first error. */
  code: string;
}

const MB = 'x'.repeat(1024 * 1024);
const DEEP = deepJson(10_000);
const DEEP_ARRAY = deepJson(10_000, 'array');
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const NOT_IDS = ['not-a-uuid', "' OR 1=1 --", '../../etc/passwd', `${UNKNOWN_ID}\u0000`, '00000000-0000-4000-8000-00000000000g'];

type Vars = BadInput['variables'];
const op = (mutation: string, query: string, cases: [what: string, code: string, variables: Vars][]): BadInput[] =>
  cases.map(([what, code, variables]) => ({ mutation, what, query, code, ...(variables ? { variables } : {}) }));
const byId = (mutation: string, selection: string, extra: string[] = []): BadInput[] =>
  op(mutation, `mutation ($id: ID!) { ${mutation}(id: $id${extra.join('')}) ${selection} }`, [
    ...NOT_IDS.map((id): [string, string, Vars] => [`id ${JSON.stringify(id)}`, 'BAD_USER_INPUT', () => ({ id })]),
    ['an unknown id', 'NOT_FOUND', () => ({ id: UNKNOWN_ID })],
    ['id null', 'BAD_USER_INPUT', () => ({ id: null })],
    ['id an object', 'BAD_USER_INPUT', () => ({ id: { $ne: null } })],
  ]);

const CREATE_AGENT = `mutation ($input: CreateAgentInput!) { createAgent(input: $input) { id } }`;
const agentInput = (input: Record<string, unknown>) => () => ({ input: { name: 'corpus-new', type: 'health-check', config: {}, ...input } });
const UPDATE_AGENT = `mutation ($id: ID!, $input: UpdateAgentInput!) { updateAgent(id: $id, input: $input) { id } }`;
const DISTRIBUTE = `mutation ($input: DistributeTaskInput!) { distributeTask(input: $input) { id } }`;
const task = (input: Record<string, unknown>) => (f: Fixtures) => ({ input: { type: 'noop', agentId: f.agentId, ...input } });
const DISTRIBUTE_MANY = `mutation ($inputs: [DistributeTaskInput!]!) { distributeTasks(inputs: $inputs) { id } }`;
const RUN = `mutation ($input: RunWorkflowInput!) { runWorkflow(input: $input) { id } }`;
const CREATE_SCHEDULE = `mutation ($input: CreateScheduleInput!) { createSchedule(input: $input) { id } }`;
const schedule = (input: Record<string, unknown>) => (f: Fixtures) => ({ input: { agentId: f.agentId, taskType: 'noop', cron: '*/5 * * * *', enabled: false, ...input } });
const CREATE_KEY = `mutation ($name: String!, $role: Role!) { createApiKey(name: $name, role: $role) { secret } }`;

export const BAD_INPUTS: BadInput[] = [
  ...op('createAgent', CREATE_AGENT, [
    ['name a number', 'BAD_USER_INPUT', agentInput({ name: 42 })],
    ['name missing', 'BAD_USER_INPUT', () => ({ input: { type: 'health-check', config: {} } })],
    ['name of 1 MB', 'BAD_USER_INPUT', agentInput({ name: MB })],
    ['name of spaces only', 'BAD_USER_INPUT', agentInput({ name: '   ' })],
    ['a NUL byte in the name', 'BAD_USER_INPUT', agentInput({ name: 'evil\u0000agent' })],
    ['a newline and escape codes in the name', 'BAD_USER_INPUT', agentInput({ name: 'line\n\u001b[31mred' })],
    ['an unknown type (unicode)', 'BAD_USER_INPUT', agentInput({ type: 'héalth-chéck-💥' })],
    ['a NUL byte in the type', 'BAD_USER_INPUT', agentInput({ type: 'health-check\u0000' })],
    ['config an array', 'BAD_USER_INPUT', agentInput({ config: [1, 2] })],
    ['config a string', 'BAD_USER_INPUT', agentInput({ config: '{"url":"http://x"}' })],
    ['config with an unknown field', 'BAD_USER_INPUT', agentInput({ config: { url: 'http://example.com', __proto__x: 1 } })],
    ['config a prototype-polluting key', 'BAD_USER_INPUT', agentInput({ config: JSON.parse('{"__proto__": {"admin": true}}') })],
    ['config nested 10,000 deep', 'BAD_USER_INPUT', agentInput({ config: { url: DEEP } })],
    ['config with a NUL byte in a value', 'BAD_USER_INPUT', agentInput({ config: { url: 'http://example.com/\u0000' } })],
    ['maxConcurrency -1', 'BAD_USER_INPUT', agentInput({ maxConcurrency: -1 })],
    ['maxConcurrency 2^31', 'BAD_USER_INPUT', agentInput({ maxConcurrency: 2 ** 31 })],
    ['maxConcurrency "NaN"', 'BAD_USER_INPUT', agentInput({ maxConcurrency: 'NaN' })],
    ['maxConcurrency 1.5', 'BAD_USER_INPUT', agentInput({ maxConcurrency: 1.5 })],
    ['the name of an existing agent', 'CONFLICT', (f) => agentInput({ name: f.agentName })()],
    ['aws-guardduty config without its secret', 'BAD_USER_INPUT', agentInput({ type: 'aws-guardduty', config: { region: 'us-east-1', accessKeyId: 'AKIAAAAAAAAAAAAAAAAA' } })],
    [
      'aws-guardduty config keeping a secret that was never stored',
      'BAD_USER_INPUT',
      agentInput({ type: 'aws-guardduty', config: { region: 'us-east-1', accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: '********' } }),
    ],
  ]),
  { mutation: 'createAgent', what: 'input missing', query: `mutation { createAgent { id } }`, code: 'GRAPHQL_VALIDATION_FAILED' },
  {
    mutation: 'createAgent',
    what: 'maxConcurrency NaN (not JSON)',
    query: CREATE_AGENT,
    rawBody: `{"query": ${JSON.stringify(CREATE_AGENT)}, "variables": {"input": {"name": "nan", "type": "health-check", "config": {}, "maxConcurrency": NaN}}}`,
    code: 'BAD_REQUEST',
  },
  ...op('updateAgent', UPDATE_AGENT, [
    ['id not a UUID', 'BAD_USER_INPUT', () => ({ id: "1; DROP TABLE agent_instances", input: { maxConcurrency: 2 } })],
    ['an unknown id', 'NOT_FOUND', () => ({ id: UNKNOWN_ID, input: { maxConcurrency: 2 } })],
    ['maxConcurrency 0', 'BAD_USER_INPUT', (f) => ({ id: f.agentId, input: { maxConcurrency: 0 } })],
    ['maxConcurrency 1001', 'BAD_USER_INPUT', (f) => ({ id: f.agentId, input: { maxConcurrency: 1001 } })],
    ['name of 1 MB', 'BAD_USER_INPUT', (f) => ({ id: f.agentId, input: { name: MB } })],
    ['the name of another agent', 'CONFLICT', (f) => ({ id: f.agentId, input: { name: f.idleAgentName } })],
    ['config nested 10,000 deep', 'BAD_USER_INPUT', (f) => ({ id: f.agentId, input: { config: DEEP } })],
    ['config with a NUL-byte key', 'BAD_USER_INPUT', (f) => ({ id: f.agentId, input: { config: { '\u0000': 'x' } } })],
    ['config with a bad URL', 'BAD_USER_INPUT', (f) => ({ id: f.agentId, input: { config: { url: 'javascript:alert(1)//not a url' } } })],
  ]),
  ...byId('deleteAgent', ''),
  ...byId('startAgent', '{ id }').slice(0, 3),
  ...op('startAgent', `mutation ($id: ID!) { startAgent(id: $id) { id } }`, [['an agent already RUNNING', 'CONFLICT', (f) => ({ id: f.agentId })]]),
  ...byId('stopAgent', '{ id }').slice(3),
  ...op('stopAgent', `mutation ($id: ID!) { stopAgent(id: $id) { id } }`, [['an agent never started', 'CONFLICT', (f) => ({ id: f.idleAgentId })]]),
  ...op('distributeTask', DISTRIBUTE, [
    ['type empty', 'BAD_USER_INPUT', task({ type: ' ' })],
    ['type of 1 MB', 'BAD_USER_INPUT', task({ type: MB })],
    ['an unknown task type', 'BAD_USER_INPUT', task({ type: 'rm -rf /' })],
    ['agentId not a UUID', 'BAD_USER_INPUT', task({ agentId: 'agent-1' })],
    ['an unknown agentId', 'NOT_FOUND', task({ agentId: UNKNOWN_ID })],
    ['an agent not RUNNING', 'AGENT_NOT_RUNNING', (f) => task({ agentId: f.idleAgentId })(f)],
    ['an unknown agentType', 'BAD_USER_INPUT', () => ({ input: { type: 'noop', agentType: 'quantum' } })],
    ['an agentType that does not take the task', 'BAD_USER_INPUT', () => ({ input: { type: 'noop', agentType: 'aws-guardduty' } })],
    ['payload of the wrong type', 'BAD_USER_INPUT', task({ payload: { sleepMs: 'soon' } })],
    ['payload with a negative sleep', 'BAD_USER_INPUT', task({ payload: { sleepMs: -1 } })],
    ['payload with an unknown key', 'BAD_USER_INPUT', task({ payload: { sleepMs: 1, command: 'reboot' } })],
    ['payload an array', 'BAD_USER_INPUT', task({ payload: [1, 2, 3] })],
    ['payload nested 10,000 deep (objects)', 'BAD_USER_INPUT', task({ payload: { output: DEEP } })],
    ['payload nested 10,000 deep (arrays)', 'BAD_USER_INPUT', task({ payload: { output: DEEP_ARRAY } })],
    ['a NUL byte in a payload string', 'BAD_USER_INPUT', task({ payload: { output: 'before\u0000after' } })],
    ['a NUL byte in a payload key', 'BAD_USER_INPUT', task({ payload: { output: { 'k\u0000': 1 } } })],
    ['priority 2^31', 'BAD_USER_INPUT', task({ priority: 2 ** 31 })],
    ['priority -10001', 'BAD_USER_INPUT', task({ priority: -10_001 })],
    ['maxAttempts 0', 'BAD_USER_INPUT', task({ maxAttempts: 0 })],
    ['maxAttempts "NaN"', 'BAD_USER_INPUT', task({ maxAttempts: 'NaN' })],
    ['maxAttempts 1e308', 'BAD_USER_INPUT', task({ maxAttempts: 1e308 })],
    ['timeoutSeconds -5', 'BAD_USER_INPUT', task({ timeoutSeconds: -5 })],
    ['runAt not a date', 'BAD_USER_INPUT', task({ runAt: 'tomorrow' })],
    ['runAt February 30th', 'BAD_USER_INPUT', task({ runAt: '2024-02-30T00:00:00Z' })],
    ['idempotencyKey with a NUL byte', 'BAD_USER_INPUT', task({ idempotencyKey: 'key\u0000' })],
    ['idempotencyKey of 1 MB', 'BAD_USER_INPUT', task({ idempotencyKey: MB })],
  ]),
  // distributeTasks: one bad input among good ones refuses the whole call.
  ...op('distributeTasks', DISTRIBUTE_MANY, [
    ['no inputs', 'BAD_USER_INPUT', () => ({ inputs: [] })],
    ['1,001 inputs', 'BAD_USER_INPUT', (f) => ({ inputs: Array.from({ length: 1_001 }, () => task({})(f).input) })],
    ['inputs null', 'BAD_USER_INPUT', () => ({ inputs: null })],
    ['the second input with maxAttempts 0', 'BAD_USER_INPUT', (f) => ({ inputs: [task({})(f).input, task({ maxAttempts: 0 })(f).input] })],
    ['the third input for an unknown agentId', 'NOT_FOUND', (f) => ({ inputs: [task({})(f).input, task({})(f).input, task({ agentId: UNKNOWN_ID })(f).input] })],
    ['an input for an agent not RUNNING', 'AGENT_NOT_RUNNING', (f) => ({ inputs: [task({})(f).input, task({ agentId: f.idleAgentId })(f).input] })],
    ['an input with a payload nested 10,000 deep', 'BAD_USER_INPUT', (f) => ({ inputs: [task({ payload: { output: DEEP } })(f).input] })],
    ['an input with a NUL byte in its payload', 'BAD_USER_INPUT', (f) => ({ inputs: [task({})(f).input, task({ payload: { output: 'a\u0000b' } })(f).input] })],
    ['an input with a payload of the wrong type', 'BAD_USER_INPUT', (f) => ({ inputs: [task({ payload: { sleepMs: 'soon' } })(f).input] })],
    ['one idempotencyKey twice', 'BAD_USER_INPUT', (f) => ({ inputs: [task({ idempotencyKey: 'twice' })(f).input, task({ idempotencyKey: 'twice' })(f).input] })],
  ]),
  ...byId('cancelTask', '{ id }').slice(0, 2),
  ...op('cancelTask', `mutation ($id: ID!) { cancelTask(id: $id) { id } }`, [['a task already SUCCEEDED', 'CONFLICT', (f) => ({ id: f.succeededTaskId })]]),
  ...byId('retryTask', '{ id }').slice(5),
  ...op('retryTask', `mutation ($id: ID!) { retryTask(id: $id) { id } }`, [['a task that SUCCEEDED', 'CONFLICT', (f) => ({ id: f.succeededTaskId })]]),
  ...op('createWorkflow', `mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }`, [
    ['definition a number', 'BAD_USER_INPUT', () => ({ input: { definition: 42 } })],
    ['definition null', 'BAD_USER_INPUT', () => ({ input: { definition: null } })],
  ]),
  ...op('runWorkflow', RUN, [
    ['neither workflowId nor name', 'BAD_USER_INPUT', () => ({ input: {} })],
    ['both workflowId and name', 'BAD_USER_INPUT', (f) => ({ input: { workflowId: f.workflowId, name: f.workflowName } })],
    ['workflowId not a UUID', 'BAD_USER_INPUT', () => ({ input: { workflowId: 'latest' } })],
    ['an unknown workflowId', 'NOT_FOUND', () => ({ input: { workflowId: UNKNOWN_ID } })],
    ['an unknown name', 'NOT_FOUND', () => ({ input: { name: 'no-such-workflow' } })],
    ['a NUL byte in the name', 'BAD_USER_INPUT', (f) => ({ input: { name: `${f.workflowName}\u0000` } })],
    ['version 0', 'BAD_USER_INPUT', (f) => ({ input: { name: f.workflowName, version: 0 } })],
    ['version 2^31', 'BAD_USER_INPUT', (f) => ({ input: { name: f.workflowName, version: 2 ** 31 } })],
    ['input an array', 'BAD_USER_INPUT', (f) => ({ input: { name: f.workflowName, input: [1] } })],
    ['input nested 10,000 deep', 'BAD_USER_INPUT', (f) => ({ input: { name: f.workflowName, input: { x: DEEP } } })],
    ['a NUL byte in the input', 'BAD_USER_INPUT', (f) => ({ input: { name: f.workflowName, input: { x: '\u0000' } } })],
    ['input of 1 MB', 'BAD_USER_INPUT', (f) => ({ input: { name: f.workflowName, input: { x: MB } } })],
  ]),
  ...byId('cancelWorkflowRun', '{ id }').slice(2, 5),
  ...op('cancelWorkflowRun', `mutation ($id: ID!) { cancelWorkflowRun(id: $id) { id } }`, [['a run already SUCCEEDED', 'CONFLICT', (f) => ({ id: f.finishedRunId })]]),
  ...op('createSchedule', CREATE_SCHEDULE, [
    ['cron in words', 'BAD_USER_INPUT', schedule({ cron: 'every day at noon' })],
    ['cron with six fields', 'BAD_USER_INPUT', schedule({ cron: '* * * * * *' })],
    ['cron minute 61', 'BAD_USER_INPUT', schedule({ cron: '61 * * * *' })],
    ['cron for February 31st (never fires)', 'BAD_USER_INPUT', schedule({ cron: '0 0 31 2 *' })],
    ['cron @reboot', 'BAD_USER_INPUT', schedule({ cron: '@reboot' })],
    ['cron with a NUL byte', 'BAD_USER_INPUT', schedule({ cron: '* * * * *\u0000' })],
    ['cron of 1 MB', 'BAD_USER_INPUT', schedule({ cron: MB })],
    ['cron with a step of 0', 'BAD_USER_INPUT', schedule({ cron: '*/0 * * * *' })],
    ['agentId not a UUID', 'BAD_USER_INPUT', schedule({ agentId: 'all' })],
    ['an unknown agentId', 'NOT_FOUND', schedule({ agentId: UNKNOWN_ID })],
    ['an unknown taskType', 'BAD_USER_INPUT', schedule({ taskType: 'shutdown' })],
    ['payload of the wrong type', 'BAD_USER_INPUT', schedule({ payload: { sleepMs: true } })],
    ['payload nested 10,000 deep', 'BAD_USER_INPUT', schedule({ payload: { output: DEEP } })],
    ['a NUL byte in the payload', 'BAD_USER_INPUT', schedule({ payload: { output: '\u0000' } })],
    ['enabled "yes"', 'BAD_USER_INPUT', schedule({ enabled: 'yes' })],
  ]),
  ...op('setScheduleEnabled', `mutation ($id: ID!, $enabled: Boolean!) { setScheduleEnabled(id: $id, enabled: $enabled) { id } }`, [
    ['id not a UUID', 'BAD_USER_INPUT', () => ({ id: 'schedule-1', enabled: true })],
    ['an unknown id', 'NOT_FOUND', () => ({ id: UNKNOWN_ID, enabled: true })],
    ['enabled a string', 'BAD_USER_INPUT', (f) => ({ id: f.scheduleId, enabled: 'true' })],
    ['enabled null', 'BAD_USER_INPUT', (f) => ({ id: f.scheduleId, enabled: null })],
  ]),
  ...byId('deleteSchedule', '').slice(0, 6),
  ...op('createApiKey', CREATE_KEY, [
    ['an unknown role', 'BAD_USER_INPUT', () => ({ name: 'corpus-key', role: 'SUPERUSER' })],
    ['a lower-case role', 'BAD_USER_INPUT', () => ({ name: 'corpus-key', role: 'admin' })],
    ['name empty', 'BAD_USER_INPUT', () => ({ name: '', role: 'VIEWER' })],
    ['name of 1 MB', 'BAD_USER_INPUT', () => ({ name: MB, role: 'VIEWER' })],
    ['a NUL byte in the name', 'BAD_USER_INPUT', () => ({ name: 'key\u0000', role: 'VIEWER' })],
    ['markup in the name', 'BAD_USER_INPUT', () => ({ name: '<script>alert(1)</script>', role: 'VIEWER' })],
    ['the name of the live admin key', 'CONFLICT', () => ({ name: 'admin', role: 'ADMIN' })],
  ]),
  { mutation: 'createApiKey', what: 'an unknown role inline', query: `mutation { createApiKey(name: "k", role: ROOT) { secret } }`, code: 'GRAPHQL_VALIDATION_FAILED' },
  ...byId('revokeApiKey', '{ id }').slice(1, 6),
  ...op('revokeApiKey', `mutation ($id: ID!) { revokeApiKey(id: $id) { id } }`, [['a key already revoked', 'CONFLICT', (f) => ({ id: f.revokedKeyId })]]),
];
