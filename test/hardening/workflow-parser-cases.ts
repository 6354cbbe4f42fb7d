/** Hostile or malformed workflow definitions (YAML or JSON text): each must be INVALID_WORKFLOW with problems, never a crash. */

const step = (fields: string): string => `name: corpus-bad\nsteps:\n  - ${fields}\n`;
const steps = (...lines: string[]): string => `name: corpus-bad\nsteps:\n${lines.map((line) => `  - ${line}`).join('\n')}\n`;
const nine = (alias: string): string => `[${Array.from({ length: 9 }, () => alias).join(', ')}]`;

/** The "billion laughs": each anchor nine times the one before. */
function billionLaughs(levels: number): string {
  const lines = ['l0: &l0 "lol"'];
  for (let level = 1; level <= levels; level += 1) lines.push(`l${level}: &l${level} ${nine(`*l${level - 1}`)}`);
  return `${lines.join('\n')}\nname: bomb\nsteps:\n  - { id: a, task: noop, payload: { output: *l${levels} } }\n`;
}

export const BAD_DEFINITIONS: [what: string, definition: string][] = [
  ['a YAML syntax error', 'name: broken\nsteps: [\n  - id: a\n'],
  ['an empty text', ''],
  ['a scalar document', '42'],
  ['a list at the root', '- id: a\n  task: noop\n'],
  ['several documents in one text', `${step('{ id: a, task: noop }')}---\n${step('{ id: b, task: noop }')}`],
  ['a billion-laughs alias bomb (9^9)', billionLaughs(9)],
  ['a small alias bomb under the alias count (9^5)', billionLaughs(5)],
  ['an alias naming no anchor', step('{ id: a, task: noop, payload: { output: *nowhere } }')],
  ['merge keys expanding an anchor into a step', `base: &base { task: noop }\nname: merged\nsteps:\n  - <<: *base\n    id: a\n`],
  ['an anchor on itself (recursive alias)', 'name: &n corpus-bad\nsteps: &s [ { id: a, task: noop, payload: { loop: *s } } ]\n'],
  ['a two-step cycle', steps('{ id: a, task: noop, dependsOn: [b] }', '{ id: b, task: noop, dependsOn: [a] }')],
  ['a three-step cycle', steps('{ id: a, task: noop, dependsOn: [c] }', '{ id: b, task: noop, dependsOn: [a] }', '{ id: c, task: noop, dependsOn: [b] }')],
  ['a step depending on itself', step('{ id: a, task: noop, dependsOn: [a] }')],
  ['dependsOn naming no step', step('{ id: a, task: noop, dependsOn: [ghost] }')],
  ['a template naming no step', step('{ id: a, task: noop, payload: { output: "${{ steps.ghost.output.x }}" } }')],
  ['a template reading a step that is not an ancestor', steps('{ id: a, task: noop }', '{ id: b, task: noop, payload: { output: "${{ steps.a.output }}" } }')],
  ['a template reading its own step', step('{ id: a, task: noop, payload: { output: "${{ steps.a.output.x }}" } }')],
  ['a template reading the environment', step('{ id: a, task: noop, payload: { output: "${{ env.SECRETS_KEY }}" } }')],
  ['a template with code in it', step('{ id: a, task: noop, payload: { output: "${{ constructor.constructor(\'return process\')() }}" } }')],
  ['a template never closed', step('{ id: a, task: noop, payload: { output: "${{ input.x" } }')],
  ['an unknown task type', step('{ id: a, task: format-disk }')],
  ['duplicate step ids', steps('{ id: a, task: noop }', '{ id: a, task: noop }')],
  ['a step id with a dot', step('{ id: a.b, task: noop }')],
  ['a workflow name with a path', step('{ id: a, task: noop }').replace('corpus-bad', '../../etc/passwd')],
  ['steps empty', 'name: corpus-bad\nsteps: []\n'],
  ['steps a mapping', 'name: corpus-bad\nsteps: { id: a, task: noop }\n'],
  ['maxAttempts 2^31', step('{ id: a, task: noop, maxAttempts: 2147483648 }')],
  ['maxAttempts .inf', step('{ id: a, task: noop, maxAttempts: .inf }')],
  ['priority .nan', step('{ id: a, task: noop, priority: .nan }')],
  ['timeoutSeconds -1', step('{ id: a, task: noop, timeoutSeconds: -1 }')],
  ['an unknown onFailure', step('{ id: a, task: noop, onFailure: explode }')],
  ['agent and agentType both', step('{ id: a, task: noop, agentType: health-check, agent: someone }')],
  ['payload a list', step('{ id: a, task: noop, payload: [1, 2] }')],
  ['201 steps', `name: corpus-bad\nsteps:\n${Array.from({ length: 201 }, (_, i) => `  - { id: s${i}, task: noop }`).join('\n')}\n`],
  ['language-specific tags', step('{ id: a, task: !!python/object/apply:os.system ["rm -rf /"] }')],
  ['a duplicate key', 'name: corpus-bad\nname: again\nsteps:\n  - { id: a, task: noop }\n'],
  ['an unknown root key', `${step('{ id: a, task: noop }')}runAs: root\n`],
  ['a flow payload nested 10,000 deep', step(`{ id: a, task: noop, payload: { output: ${'['.repeat(10_000)}${']'.repeat(10_000)} } }`)],
  ['a JSON definition nested 10,000 deep', `{"name": "corpus-bad", "steps": [{"id": "a", "task": "noop", "payload": {"output": ${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}}]}`],
  ['a NUL byte in the text', `${step('{ id: a, task: noop }')}# \u0000\n`],
  ['a NUL byte from a YAML escape', step('{ id: a, task: noop, payload: { output: "nul \\0 here" } }')],
  ['a NUL byte from a JSON escape', '{"name": "corpus-bad", "steps": [{"id": "a", "task": "noop", "payload": {"output": "\\u0000"}}]}'],
  ['a definition of 1 MB', `${step('{ id: a, task: noop }')}# ${'x'.repeat(1024 * 1024)}\n`],
];
