import { findTemplates, parseTemplateExpression, substituteTemplates } from '../../../src/services/workflows/workflow-templates';

describe('workflow templates', () => {
  it.each([
    ['input.name', { kind: 'input', path: ['name'] }],
    [' input.a.b.0 ', { kind: 'input', path: ['a', 'b', '0'] }],
    ['steps.fetch.output', { kind: 'step', stepId: 'fetch', path: [] }],
    ['steps.fetch-1.output.items.2.id', { kind: 'step', stepId: 'fetch-1', path: ['items', '2', 'id'] }],
  ])('parses %p', (expression, reference) => {
    expect(parseTemplateExpression(expression)).toEqual(reference);
  });

  it.each(['input', 'steps.a', 'steps.a.result', 'env.HOME', 'input..x', 'input.a b', '', 'steps.a.output.x[0]'])('refuses %p', (expression) => {
    expect(parseTemplateExpression(expression)).toBeNull();
  });

  it('finds templates in nested values with their paths, and unclosed ones', () => {
    const found = findTemplates({ a: 'plain', b: ['${{ input.x }} and ${{ steps.s.output }}'], c: { d: 'oops ${{ input.y' }, n: 3 });
    expect(found.map((template) => [template.path, template.reference?.kind ?? null, template.error === null])).toEqual([
      [['b', 0], 'input', true],
      [['b', 0], 'step', true],
      [['c', 'd'], null, false],
    ]);
  });

  it('substitutes whole templates with their JSON type and embedded ones as text', () => {
    const scope = { input: { count: 3, tags: ['a', 'b'], name: 'n1' }, outputs: new Map<string, unknown>([['s', { ok: true, rows: [{ id: 9 }] }]]) };
    const payload = {
      count: '${{ input.count }}',
      tags: '${{ input.tags }}',
      whole: '${{ steps.s.output }}',
      deep: '${{ steps.s.output.rows.0.id }}',
      text: 'n=${{ input.name }} c=${{ input.count }} t=${{ input.tags }}',
      missing: '${{ input.nothing }}',
      missingText: '[${{ input.nothing }}]',
      list: ['${{ input.name }}', 5, null],
      untouched: 'no templates',
    };
    expect(substituteTemplates(payload, scope)).toEqual({
      count: 3,
      tags: ['a', 'b'],
      whole: { ok: true, rows: [{ id: 9 }] },
      deep: 9,
      text: 'n=n1 c=3 t=["a","b"]',
      missing: null,
      missingText: '[]',
      list: ['n1', 5, null],
      untouched: 'no templates',
    });
  });
});
