import { parse } from 'yaml';
import { AgentRegistry } from '../../../src/agents/agent-registry';
import { ancestorsOf, findCycles, topologicalOrder } from '../../../src/services/workflows/workflow-graph';
import { WorkflowValidator } from '../../../src/services/workflows/workflow-validator';

const steps = (spec: Record<string, string[]>) => Object.entries(spec).map(([id, dependsOn]) => ({ id, dependsOn }));

interface OrderCase {
  shape: string;
  graph: Record<string, string[]>;
  order: string[];
}

describe('workflow graph', () => {
  it.each<OrderCase>([
    { shape: 'a chain defined backwards', graph: { c: ['b'], b: ['a'], a: [] }, order: ['a', 'b', 'c'] },
    { shape: 'a diamond', graph: { a: [], b: ['a'], c: ['a'], d: ['c', 'b'] }, order: ['a', 'b', 'c', 'd'] },
    { shape: 'independent steps (definition order)', graph: { z: [], y: [], x: [] }, order: ['z', 'y', 'x'] },
    { shape: 'a late root before the dependents of an early one', graph: { a: [], b: ['a'], c: [] }, order: ['a', 'b', 'c'] },
    { shape: 'a step ready only after a later-defined one', graph: { d: ['e'], e: [], f: [] }, order: ['e', 'd', 'f'] },
  ])('orders $shape topologically and stably', ({ graph, order }) => {
    expect(topologicalOrder(steps(graph))).toEqual(order);
  });

  it('gives no order and names the steps of every cycle', () => {
    const graph = steps({ a: ['c'], b: ['a'], c: ['b'], d: [], e: ['e'], f: ['g'], g: ['f'] });
    expect(topologicalOrder(graph)).toBeNull();
    expect(findCycles(graph)).toEqual([
      ['a', 'c', 'b', 'a'],
      ['e', 'e'],
      ['f', 'g', 'f'],
    ]);
  });

  it('finds ancestors through several levels and tolerates cycles', () => {
    expect([...ancestorsOf('d', steps({ a: [], b: ['a'], c: ['a'], d: ['b'] }))].sort()).toEqual(['a', 'b']);
    expect([...ancestorsOf('a', steps({ a: ['b'], b: ['a'] }))].sort()).toEqual(['a', 'b']);
  });

  it('handles a chain of 200 steps without recursion limits', () => {
    const chain = Array.from({ length: 200 }, (_unused, index) => ({ id: `s${index}`, dependsOn: index === 0 ? [] : [`s${index - 1}`] })).reverse();
    expect(topologicalOrder(chain)![199]).toBe('s199');
    expect(findCycles(chain)).toEqual([]);
  });
});

describe('the normalised definition of a valid workflow', () => {
  const validator = new WorkflowValidator(new AgentRegistry(), { maxBytes: 100_000 });

  it('fills defaults and keeps what was given, from YAML and from JSON alike', () => {
    const yamlText = [
      'name: nightly.check_1',
      'steps:',
      '  - id: probe',
      '    task: http.check',
      '    agentType: health-check',
      '    payload: { url: "${{ input.url }}" }',
      '    maxAttempts: 5',
      '    timeoutSeconds: 30',
      '    priority: 3',
      '  - id: note',
      '    task: noop',
      '    agent: probe-agent',
      '    dependsOn: [probe, probe]',
      '    onFailure: continue',
      '    payload: { output: "${{ steps.probe.output.status }}" }',
    ].join('\n');
    const fromYaml = validator.validate(yamlText);
    expect(fromYaml.problems).toEqual([]);
    expect(fromYaml.stepOrder).toEqual(['probe', 'note']);
    expect(fromYaml.definition).toEqual({
      name: 'nightly.check_1',
      description: null,
      steps: [
        { id: 'probe', task: 'http.check', agentType: 'health-check', agent: null, payload: { url: '${{ input.url }}' }, dependsOn: [], maxAttempts: 5, timeoutSeconds: 30, priority: 3, onFailure: 'fail' },
        { id: 'note', task: 'noop', agentType: null, agent: 'probe-agent', payload: { output: '${{ steps.probe.output.status }}' }, dependsOn: ['probe'], maxAttempts: 3, timeoutSeconds: null, priority: 0, onFailure: 'continue' },
      ],
    });
    const fromJson = validator.validate(JSON.stringify(parse(yamlText)));
    expect(fromJson.definition).toEqual(fromYaml.definition);
  });

  it('accepts anchors and aliases within the limit', () => {
    const result = validator.validate(['name: x', 'defaults: &d { sleepMs: 5 }', 'steps:', '  - id: a', '    task: noop', '    payload: *d'].join('\n'));
    // `defaults` is not a workflow key: the alias expands fine, the unknown key is the only problem.
    expect(result.problems.map((problem) => problem.message)).toEqual([expect.stringContaining('unknown key "defaults"')]);
  });
});
