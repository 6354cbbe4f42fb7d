import { AgentRegistry } from '../../../src/agents/agent-registry';
import { WorkflowValidator } from '../../../src/services/workflows/workflow-validator';

const validator = new WorkflowValidator(new AgentRegistry(), { maxBytes: 262_144 });

/** Joins lines so each case's expected line number is easy to read off. */
const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;

interface Case {
  kind: string;
  text: string;
  message: RegExp;
  path: string | null;
  line: number;
}

const cases: Case[] = [
  { kind: 'a syntax error', text: yaml('name: x', 'steps:', '  - id: a', '    task: "noop'), message: /syntax error/, path: null, line: 5 },
  { kind: 'a duplicate key (syntax)', text: yaml('name: x', 'name: y', 'steps: []'), message: /syntax error: Map keys must be unique/, path: null, line: 2 },
  { kind: 'a JSON syntax error', text: '{\n  "name": "x",\n  "steps": [\n    {"id": "a" "task": "noop"}\n  ]\n}\n', message: /syntax error/, path: null, line: 4 },
  { kind: 'a document that is not a mapping', text: yaml('- a', '- b'), message: /must be a mapping/, path: null, line: 1 },
  { kind: 'a missing name', text: yaml('description: d', 'steps:', '  - id: a', '    task: noop'), message: /name is required/, path: null, line: 1 },
  { kind: 'a bad name', text: yaml('name: "bad name!"', 'steps:', '  - id: a', '    task: noop'), message: /name must be/, path: 'name', line: 1 },
  { kind: 'missing steps', text: yaml('name: x'), message: /steps is required/, path: null, line: 1 },
  { kind: 'empty steps', text: yaml('name: x', 'steps: []'), message: /at least one step/, path: 'steps', line: 2 },
  { kind: 'an unknown root key', text: yaml('name: x', 'stepz: 1', 'steps:', '  - id: a', '    task: noop'), message: /unknown key "stepz"/, path: 'stepz', line: 2 },
  { kind: 'an unknown step key', text: yaml('name: x', 'steps:', '  - id: a', '    task: noop', '    retries: 2'), message: /unknown key "retries"/, path: 'steps[0].retries', line: 5 },
  { kind: 'a step missing its id', text: yaml('name: x', 'steps:', '  - task: noop'), message: /id is required/, path: 'steps[0]', line: 3 },
  { kind: 'a step missing its task', text: yaml('name: x', 'steps:', '  - id: a', '    payload: {}'), message: /task is required/, path: 'steps[0]', line: 3 },
  { kind: 'a bad step id', text: yaml('name: x', 'steps:', '  - id: "a.b"', '    task: noop'), message: /id must be/, path: 'steps[0].id', line: 3 },
  { kind: 'a duplicate step id', text: yaml('name: x', 'steps:', '  - id: a', '    task: noop', '  - id: a', '    task: noop'), message: /duplicate step id "a" \(first used by steps\[0\]\)/, path: 'steps[1].id', line: 5 },
  { kind: 'dependsOn naming no step', text: yaml('name: x', 'steps:', '  - id: a', '    task: noop', '    dependsOn:', '      - ghost'), message: /names no step "ghost"/, path: 'steps[0].dependsOn[0]', line: 6 },
  { kind: 'a self dependency', text: yaml('name: x', 'steps:', '  - id: a', '    task: noop', '    dependsOn: [a]'), message: /"a" depends on itself/, path: 'steps[0].dependsOn[0]', line: 5 },
  {
    kind: 'a cycle',
    text: yaml('name: x', 'steps:', '  - id: a', '    task: noop', '    dependsOn: [c]', '  - id: b', '    task: noop', '    dependsOn: [a]', '  - id: c', '    task: noop', '    dependsOn: [b]'),
    message: /dependency cycle: "a" → "c" → "b" → "a"/,
    path: 'steps[0].dependsOn[0]',
    line: 5,
  },
  { kind: 'an unknown task type', text: yaml('name: x', 'steps:', '  - id: a', '    task: nope.never'), message: /unknown task type "nope.never"; known: .*http\.check, noop/, path: 'steps[0].task', line: 4 },
  {
    kind: 'a step whose agentType does not accept its task',
    text: yaml('name: x', 'steps:', '  - id: a', '    task: guardduty.detector-status', '    agentType: health-check'),
    message: /agent type "health-check" does not accept task "guardduty.detector-status"/,
    path: 'steps[0].agentType',
    line: 5,
  },
  { kind: 'an unknown agent type', text: yaml('name: x', 'steps:', '  - id: a', '    task: noop', '    agentType: martian'), message: /unknown agent type "martian"/, path: 'steps[0].agentType', line: 5 },
  { kind: 'both agent and agentType', text: yaml('name: x', 'steps:', '  - id: a', '    task: noop', '    agentType: health-check', '    agent: probe'), message: /agentType or agent, not both/, path: 'steps[0].agent', line: 6 },
  { kind: 'an empty agent reference', text: yaml('name: x', 'steps:', '  - id: a', '    task: noop', '    agent: ""'), message: /agent must name an agent/, path: 'steps[0].agent', line: 5 },
  { kind: 'maxAttempts too high', text: yaml('name: x', 'steps:', '  - id: a', '    task: noop', '    maxAttempts: 21'), message: /maxAttempts must be between 1 and 20, got 21/, path: 'steps[0].maxAttempts', line: 5 },
  { kind: 'maxAttempts zero', text: yaml('name: x', 'steps:', '  - id: a', '    task: noop', '    maxAttempts: 0'), message: /maxAttempts must be between 1 and 20/, path: 'steps[0].maxAttempts', line: 5 },
  { kind: 'maxAttempts not whole', text: yaml('name: x', 'steps:', '  - id: a', '    task: noop', '    maxAttempts: 1.5'), message: /maxAttempts must be a whole number/, path: 'steps[0].maxAttempts', line: 5 },
  { kind: 'timeoutSeconds too high', text: yaml('name: x', 'steps:', '  - id: a', '    task: noop', '    timeoutSeconds: 86401'), message: /timeoutSeconds must be between 1 and 86400/, path: 'steps[0].timeoutSeconds', line: 5 },
  { kind: 'timeoutSeconds zero', text: yaml('name: x', 'steps:', '  - id: a', '    task: noop', '    timeoutSeconds: 0'), message: /timeoutSeconds must be between 1 and 86400/, path: 'steps[0].timeoutSeconds', line: 5 },
  { kind: 'a bad onFailure', text: yaml('name: x', 'steps:', '  - id: a', '    task: noop', '    onFailure: retry'), message: /onFailure must be one of: fail, continue/, path: 'steps[0].onFailure', line: 5 },
  { kind: 'a payload that is not a mapping', text: yaml('name: x', 'steps:', '  - id: a', '    task: noop', '    payload: [1]'), message: /payload must be a mapping/, path: 'steps[0].payload', line: 5 },
  { kind: 'dependsOn not a list', text: yaml('name: x', 'steps:', '  - id: a', '    task: noop', '    dependsOn: a'), message: /dependsOn must be a list/, path: 'steps[0].dependsOn', line: 5 },
  {
    kind: 'a template reading a step that is not an ancestor',
    text: yaml('name: x', 'steps:', '  - id: a', '    task: noop', '  - id: b', '    task: noop', '    payload:', '      output: "${{ steps.a.output.value }}"'),
    message: /step "a" is not an ancestor of "b"/,
    path: 'steps[1].payload.output',
    line: 8,
  },
  {
    kind: 'a template naming no step',
    text: yaml('name: x', 'steps:', '  - id: a', '    task: noop', '    payload:', '      output: "${{ steps.zz.output }}"'),
    message: /names no step "zz"/,
    path: 'steps[0].payload.output',
    line: 6,
  },
  {
    kind: 'a template reading its own step',
    text: yaml('name: x', 'steps:', '  - id: a', '    task: noop', '    payload:', '      output: "${{ steps.a.output }}"'),
    message: /reads the output of its own step/,
    path: 'steps[0].payload.output',
    line: 6,
  },
  {
    kind: 'an unparseable template',
    text: yaml('name: x', 'steps:', '  - id: a', '    task: noop', '    payload:', '      output:', '        - "x ${{ env.HOME }}"'),
    message: /is neither/,
    path: 'steps[0].payload.output[0]',
    line: 7,
  },
  {
    kind: 'an unclosed template',
    text: yaml('name: x', 'steps:', '  - id: a', '    task: noop', '    payload:', '      output: "${{ input.x "'),
    message: /not closed/,
    path: 'steps[0].payload.output',
    line: 6,
  },
  { kind: 'an alias naming no anchor', text: yaml('name: x', 'steps:', '  - id: a', '    task: noop', '    payload: *nothing'), message: /alias \*nothing names no anchor/, path: null, line: 5 },
];

describe('WorkflowValidator', () => {
  it.each(cases)('reports $kind with its path and line', ({ text, message, path, line }) => {
    const result = validator.validate(text);
    expect(result.valid).toBe(false);
    expect(result.stepOrder).toEqual([]);
    expect(result.definition).toBeNull();
    const problem = result.problems.find((candidate) => message.test(candidate.message));
    expect({ found: problem !== undefined, problems: result.problems }).toEqual(expect.objectContaining({ found: true }));
    expect(problem).toEqual({ message: expect.any(String), path, line });
  });

  it('reports a step whose agentType does not accept its task with any catalogue', () => {
    const registry = new AgentRegistry([
      ...new AgentRegistry().list(),
      { key: 'other', description: 'another type', configSchema: {}, taskTypes: { 'other.work': { description: 'w', payloadSchema: {}, handle: async () => null } } },
    ] as never);
    const result = new WorkflowValidator(registry, { maxBytes: 10_000 }).validate(yaml('name: x', 'steps:', '  - id: a', '    task: other.work', '    agentType: health-check'));
    expect(result.problems).toEqual([
      { message: expect.stringMatching(/agent type "health-check" does not accept task "other.work"/), path: 'steps[0].agentType', line: 5 },
    ]);
  });

  it('returns every problem at once, ordered by line', () => {
    const result = validator.validate(
      yaml('name: "bad name"', 'color: red', 'steps:', '  - id: a', '    task: nope', '    maxAttempts: 99', '  - id: a', '    task: noop', '    dependsOn: [ghost]', '    onFailure: maybe'),
    );
    expect(result.problems.map((problem) => [problem.path, problem.line])).toEqual([
      ['name', 1],
      ['color', 2],
      ['steps[0].task', 5],
      ['steps[0].maxAttempts', 6],
      ['steps[1].id', 7],
      ['steps[1].dependsOn[0]', 9],
      ['steps[1].onFailure', 10],
    ]);
  });

  it('refuses a document over the size limit with a problem instead of parsing it', () => {
    const small = new WorkflowValidator(new AgentRegistry(), { maxBytes: 64 });
    const result = small.validate(yaml('name: x', 'description: ' + 'x'.repeat(100), 'steps:', '  - id: a', '    task: noop'));
    expect(result.problems).toEqual([{ message: expect.stringMatching(/limit is 64/), path: null, line: 1 }]);
  });

  it('refuses an alias bomb with a problem instead of expanding it', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 9; level += 1) {
      const previous = `*a${level - 1}`;
      lines.push(`a${level}: &a${level} [${Array(9).fill(previous).join(', ')}]`);
    }
    const started = Date.now();
    const result = validator.validate(yaml(...lines, 'name: x', 'steps:', '  - id: a', '    task: noop', '    payload: { bomb: *a8 }'));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(result.valid).toBe(false);
    expect(result.problems[0]!.message).toMatch(/more than 50 aliases/);
  });

  it('refuses a small alias bomb whose expansion passes the limit', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 6; level += 1) lines.push(`a${level}: &a${level} [${Array(9).fill(`*a${level - 1}`).join(', ')}]`);
    const result = validator.validate(yaml(...lines, 'name: x', 'steps:', '  - id: a', '    task: noop', '    payload: { bomb: *a5 }'));
    expect(result.problems).toEqual([{ message: expect.stringMatching(/cannot be expanded: Excessive alias count/), path: null, line: 1 }]);
  });
});
