import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import type { ChartColumns } from './metrics-series';

const HEIGHT = 190;

/** Bucket width the x axis is padded by, in seconds, so the newest minute's bars are not cut. */
const PAD_S = 60;

const count = (_u: uPlot, value: number | null): string => (value == null ? '—' : String(value));

function options(width: number): uPlot.Options {
  // Side by side in each minute: succeeded left of the bucket start, failed right of it.
  const okBars = uPlot.paths.bars?.({ size: [0.45, 12], align: -1 });
  const failedBars = uPlot.paths.bars?.({ size: [0.45, 12], align: 1 });
  const axis = { stroke: '#5b6675', grid: { stroke: '#eef1f5' }, ticks: { stroke: '#dde2ea' } };
  return {
    width,
    height: HEIGHT,
    cursor: { drag: { x: false, y: false } },
    legend: { show: true, live: true },
    scales: {
      x: { time: true, range: (_u, min, max) => [min - PAD_S / 2, max + PAD_S] },
      n: { auto: true, range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.2))] },
      ms: { auto: true, range: (_u, _min, max) => [0, Math.max(10, Math.ceil(max * 1.15))] },
    },
    series: [
      {},
      { label: 'Succeeded', scale: 'n', stroke: '#15803d', fill: 'rgba(21, 128, 61, 0.55)', width: 0, ...(okBars ? { paths: okBars } : {}), points: { show: false }, value: count },
      { label: 'Failed', scale: 'n', stroke: '#b91c1c', fill: 'rgba(185, 28, 28, 0.6)', width: 0, ...(failedBars ? { paths: failedBars } : {}), points: { show: false }, value: count },
      {
        label: 'Avg duration',
        scale: 'ms',
        stroke: '#1d4ed8',
        width: 2,
        spanGaps: false,
        points: { show: true, size: 5, fill: '#1d4ed8' },
        value: (_u, v) => (v == null ? '—' : `${Math.round(v)} ms`),
      },
    ],
    axes: [
      axis,
      { ...axis, scale: 'n', size: 40, label: 'tasks / min', labelSize: 16 },
      { scale: 'ms', side: 1, stroke: '#1d4ed8', grid: { show: false }, size: 56, label: 'avg ms', labelSize: 16 },
    ],
  };
}

/** Task outcomes per minute (bars) and average duration (line), over the window given. */
export function MetricsChart({ columns }: { columns: ChartColumns }) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  // uPlot wants [x, ...series] in the order the series are declared.
  const data = [columns[0], columns[2], columns[3], columns[1]] as uPlot.AlignedData;

  useEffect(() => {
    const element = host.current;
    if (!element) return undefined;
    const instance = new uPlot(options(Math.max(280, element.clientWidth)), data, element);
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.setSize({ width: Math.max(280, element.clientWidth), height: HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      instance.destroy();
      chart.current = null;
    };
    // Created once; data changes go through setData below.
  }, []);

  useEffect(() => {
    chart.current?.setData(data);
  }, [columns]);

  return <div className="metrics-chart" ref={host} role="img" aria-label="Tasks per minute and average task duration over the last hour" data-testid="metrics-chart" />;
}
