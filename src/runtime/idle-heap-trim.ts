import { performance } from 'node:perf_hooks';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Logger } from '../logging/logger';

export interface IdleHeapTrimOptions {
  /** Idle time after which the heap is trimmed, in ms; 0 turns trimming off. Default 5_000. */
  idleMs: number;
  /** How often the event loop's load is sampled, in ms. Default 1_000. */
  sampleIntervalMs?: number;
  /** Share of a sample the event loop may be busy and still count as idle (0..1). Default 0.05. */
  idleUtilization?: number;
  /** Heap V8 holds beyond what is in use below which no trim is worth a collection, in bytes. Default 16 MiB. */
  minSlackBytes?: number;
  /** Hears each trim with the heap sizes before and after, in bytes (logged at debug otherwise). */
  onTrim?: (trim: HeapTrim) => void;
}

export interface HeapTrim {
  totalBefore: number;
  totalAfter: number;
  usedAfter: number;
  durationMs: number;
}

export interface IdleHeapTrimmer {
  stop(): void;
}

/** V8's `gc()` without arguments: a full, synchronous collection that also releases emptied pages. */
type FullGc = () => void;

/**
 * Gives back the heap a burst of work left behind, once the process is idle. V8 grows its heap
 * for a burst (thousands of tasks, a thousand sockets) and keeps most of it reserved afterwards;
 * its own memory reducer returns it late or not at all, so an idle API process can sit at twice
 * the memory it uses. After `idleMs` of an idle event loop, and only when V8 holds at least
 * `minSlackBytes` more than it uses, one full collection runs; then nothing more
 * until the process has been busy again. The collection pauses the loop for tens of ms, which
 * nobody waits on in an idle process.
 *
 * It needs V8's `gc` function, which only exists with --expose-gc. Set at run time, the flag
 * makes V8 install `gc` in contexts created afterwards: it is taken from a fresh context of its
 * own, so the application's globals stay as they were. Without it (a V8 that refuses the
 * flag) trimming stays off.
 */
export function startIdleHeapTrim(options: IdleHeapTrimOptions, logger: Logger): IdleHeapTrimmer {
  if (options.idleMs <= 0) return { stop: () => undefined };
  const gc = fullGc();
  if (gc === undefined) {
    logger.debug('idle heap trimming is off: this V8 does not expose gc');
    return { stop: () => undefined };
  }
  const sampleIntervalMs = options.sampleIntervalMs ?? 1_000;
  const idleUtilization = options.idleUtilization ?? 0.05;
  const minSlackBytes = options.minSlackBytes ?? 16 * 1_048_576;
  let last = performance.eventLoopUtilization();
  let idleSinceMs: number | undefined;
  // A trim waits for work in between: an idle process is trimmed once, not every interval.
  let busySinceTrim = true;
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const sample = performance.eventLoopUtilization(now, last);
    last = now;
    if (sample.utilization > idleUtilization) {
      idleSinceMs = undefined;
      busySinceTrim = true;
      return;
    }
    idleSinceMs ??= Date.now() - sampleIntervalMs;
    if (!busySinceTrim || Date.now() - idleSinceMs < options.idleMs) return;
    const before = getHeapStatistics();
    if (before.total_heap_size - before.used_heap_size < minSlackBytes) return;
    const started = performance.now();
    gc();
    const after = getHeapStatistics();
    busySinceTrim = false;
    const trim: HeapTrim = { totalBefore: before.total_heap_size, totalAfter: after.total_heap_size, usedAfter: after.used_heap_size, durationMs: performance.now() - started };
    if (options.onTrim !== undefined) options.onTrim(trim);
    else logger.debug(trim, 'idle: heap trimmed');
    // The collection itself must not count as load in the next sample.
    last = performance.eventLoopUtilization();
  }, sampleIntervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

function fullGc(): FullGc | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
    return typeof gc === 'function' ? (gc as FullGc) : undefined;
  } catch (error: unknown) {
    if (error instanceof Error) return undefined;
    throw error;
  }
}
