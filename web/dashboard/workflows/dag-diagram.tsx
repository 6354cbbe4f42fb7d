import { useMemo } from 'react';
import { layoutDag, NODE_HEIGHT, NODE_WIDTH, type DagStep } from './dag-layout';

export interface DagDiagramProps {
  steps: DagStep[];
  /** Step id → status; missing: drawn as not started. */
  statuses?: Record<string, string>;
  label: string;
}

function pathOf(points: { x: number; y: number }[]): string {
  return points.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x.toFixed(1)},${point.y.toFixed(1)}`).join(' ');
}

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The workflow's steps as an SVG graph, each node coloured by its status (classes dag-node-<status>). */
export function DagDiagram({ steps, statuses, label }: DagDiagramProps) {
  const layout = useMemo(() => layoutDag(steps), [steps]);
  return (
    <div className="dag-wrap">
      <svg className="dag" width={layout.width} height={layout.height} viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-label={label} data-testid="dag">
        <defs>
          <marker id="dag-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" className="dag-arrow" />
          </marker>
        </defs>
        {layout.edges.map((edge) => (
          <path key={`${edge.from}->${edge.to}`} d={pathOf(edge.points)} className="dag-edge" markerEnd="url(#dag-arrow)" />
        ))}
        {layout.nodes.map((node) => {
          const status = statuses?.[node.id];
          return (
            <g
              key={node.id}
              className={`dag-node ${status ? `dag-node-${status.toLowerCase()}` : 'dag-node-none'}`}
              transform={`translate(${node.x - NODE_WIDTH / 2}, ${node.y - NODE_HEIGHT / 2})`}
              data-step={node.id}
              data-status={status ?? ''}
            >
              <title>{`${node.id} (${node.task})${status ? `: ${status}` : ''}`}</title>
              <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx={6} />
              <rect className="dag-node-band" width={5} height={NODE_HEIGHT} rx={2} />
              <text x={14} y={21} className="dag-node-id">
                {clip(node.id, 18)}
              </text>
              <text x={14} y={39} className="dag-node-task">
                {clip(node.task, 16)}
              </text>
              {status ? (
                <text x={NODE_WIDTH - 10} y={39} className="dag-node-status" textAnchor="end">
                  {status.toLowerCase()}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
    </div>
  );
}
