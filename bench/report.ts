import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchRow {
  measure: string;
  figure: string;
  baseline: string;
  goal: string;
  met: boolean | null;
}

export interface BenchReport {
  at: string;
  smoke: boolean;
  machine: { cpus: number; node: string };
  rows: BenchRow[];
  details: Record<string, unknown>;
}

const pad = (text: string, width: number): string => (text.length >= width ? text : text + ' '.repeat(width - text.length));

/** The one table `npm run bench` prints. */
export function formatTable(rows: readonly BenchRow[]): string {
  const headers = ['measure', 'figure', 'baseline (same run)', 'goal', 'met'];
  const cells = rows.map((row) => [row.measure, row.figure, row.baseline, row.goal, row.met === null ? 'n/a' : row.met ? 'yes' : 'NO']);
  const widths = headers.map((header, column) => Math.max(header.length, ...cells.map((line) => line[column]!.length)));
  const line = (values: string[]): string => `| ${values.map((value, column) => pad(value, widths[column]!)).join(' | ')} |`;
  return [line(headers), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

export function writeReport(report: BenchReport, folder: string): string {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, report.smoke ? 'smoke.json' : 'latest.json');
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}
