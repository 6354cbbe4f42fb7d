import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { HeapTrim } from '../../src/runtime/idle-heap-trim';

/**
 * A process of its own (the built module, as `npm start` runs it): a heap shared with the test
 * runner would measure the runner. It grows its heap the way a burst of work does, drops what
 * it made, goes idle, and prints the trim and its heap right before it.
 */
const SCRIPT = `
const { getHeapStatistics } = require('node:v8');
const { startIdleHeapTrim } = require(${JSON.stringify(join(__dirname, '..', '..', 'dist', 'src', 'runtime', 'idle-heap-trim.js'))});
let kept = [];
for (let index = 0; index < 300000; index += 1) kept.push({ index, text: 'row ' + index + ' '.repeat(64) });
kept = [];
const logger = { debug() {} };
const idleMs = Number(process.argv[1]);
const trimmer = startIdleHeapTrim({ idleMs, sampleIntervalMs: 50, minSlackBytes: 1048576, onTrim: (trim) => {
  process.stdout.write(JSON.stringify(trim));
  process.exit(0);
} }, logger);
// Off (or never idle): report after a while that nothing happened.
setTimeout(() => { trimmer.stop(); process.stdout.write('null'); process.exit(0); }, idleMs === 0 ? 1000 : 30000);
`;

async function runTrimmer(idleMs: number): Promise<HeapTrim | null> {
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', SCRIPT, String(idleMs)], { timeout: 60_000 });
  return JSON.parse(stdout) as HeapTrim | null;
}

describe('idle heap trimming', () => {
  it('gives back most of the heap a burst left reserved once the process is idle', async () => {
    const trim = await runTrimmer(200);
    expect(trim).not.toBeNull();
    // The burst left tens of MB reserved; after the trim V8 holds little beyond what is in use.
    expect(trim!.totalBefore - trim!.totalAfter).toBeGreaterThan(16 * 1_048_576);
    expect(trim!.totalAfter).toBeLessThan(trim!.totalBefore / 2);
  });

  it('leaves the heap alone when IDLE_HEAP_TRIM_MS is 0', async () => {
    expect(await runTrimmer(0)).toBeNull();
  });
});
