import dagre from '@dagrejs/dagre';

export interface DagStep {
  id: string;
  task: string;
  dependsOn: string[];
}

export interface PlacedNode {
  id: string;
  task: string;
  /** Centre, in SVG units. */
  x: number;
  y: number;
}

export interface PlacedEdge {
  from: string;
  to: string;
  points: { x: number; y: number }[];
}

export interface DagLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

export const NODE_WIDTH = 168;
export const NODE_HEIGHT = 52;
const MARGIN = 16;

/** Left-to-right layout of the steps (dagre); a dependency on an unknown step is left out. */
export function layoutDag(steps: DagStep[]): DagLayout {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 22, ranksep: 56, marginx: MARGIN, marginy: MARGIN });
  graph.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(steps.map((step) => step.id));
  for (const step of steps) graph.setNode(step.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const step of steps) for (const dependency of step.dependsOn) if (ids.has(dependency)) graph.setEdge(dependency, step.id);
  dagre.layout(graph);
  const label = graph.graph();
  const byId = new Map(steps.map((step) => [step.id, step]));
  return {
    width: Math.ceil(label.width ?? NODE_WIDTH + 2 * MARGIN),
    height: Math.ceil(label.height ?? NODE_HEIGHT + 2 * MARGIN),
    nodes: graph.nodes().map((id) => {
      const node = graph.node(id);
      return { id, task: byId.get(id)?.task ?? '', x: node.x, y: node.y };
    }),
    edges: graph.edges().map((edge) => ({ from: edge.v, to: edge.w, points: graph.edge(edge).points ?? [] })),
  };
}
