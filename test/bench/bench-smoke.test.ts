import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `npm run bench --smoke`: every measure runs end to end at tiny sizes, so the bench cannot rot. */
describe('the benchmark', () => {
  it('runs every measure at smoke sizes and writes its report', async () => {
    const root = join(__dirname, '..', '..');
    const child = spawn(process.execPath, ['dist/bench/run-bench.js', '--smoke'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: process.env['VELOCITY_TEST_BASE_URL']! },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
    const report = JSON.parse(readFileSync(join(root, 'bench', 'results', 'smoke.json'), 'utf8')) as { smoke: boolean; rows: { measure: string; figure: string }[] };
    expect(report.smoke).toBe(true);
    expect(report.rows.map((row) => row.measure.split(/[:(x]/)[0]!.trim())).toEqual([
      'throughput',
      'live',
      'agent',
      'agents',
      'agent startup',
      'workflow',
      'throughput, bulk',
      'idle API+worker resident memory',
      'throughput, WORKER_FETCH_BATCH=11',
    ]);
    expect(report.rows.every((row) => row.figure !== 'failed')).toBe(true);
  }, 180_000);
});
