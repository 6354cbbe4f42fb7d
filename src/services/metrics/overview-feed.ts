import type { Logger } from '../../logging/logger';
import { sameOverview, type OverviewService, type SystemOverviewView } from './overview.service';

type OverviewListener = (overview: SystemOverviewView) => void;

/**
 * One shared ticker per process behind every overviewUpdated subscription: while anyone
 * listens it computes the overview every `intervalMs` and tells the listeners only when it
 * changed; with no listener it does nothing. A new listener gets the latest value at once.
 */
export class OverviewFeed {
  private readonly listeners = new Set<OverviewListener>();
  private timer: NodeJS.Timeout | undefined;
  private latest: SystemOverviewView | null = null;
  private computing: Promise<void> | undefined;
  private failing = false;

  /** @param intervalMs how often the overview is recomputed while someone listens, in ms. Default 1_000. */
  constructor(
    private readonly overview: OverviewService,
    private readonly logger: Logger,
    private readonly intervalMs = 1_000,
  ) {}

  subscribe(listener: OverviewListener): () => void {
    this.listeners.add(listener);
    if (this.timer === undefined) {
      this.timer = setInterval(() => this.tick(), this.intervalMs);
      this.timer.unref();
      this.tick();
    } else if (this.latest !== null) {
      const latest = this.latest;
      queueMicrotask(() => {
        if (this.listeners.has(listener)) listener(latest);
      });
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stopTicking();
    };
  }

  /** A stream of overviews for one subscriber: the latest value wins, so a slow reader never piles them up. */
  open(): AsyncIterableIterator<SystemOverviewView> {
    return new LatestValueStream((push) => this.subscribe(push));
  }

  /** Stops ticking and waits for a computation in flight (process shutdown). */
  async stop(): Promise<void> {
    this.listeners.clear();
    this.stopTicking();
    await this.computing;
  }

  private stopTicking(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.latest = null;
  }

  private tick(): void {
    if (this.computing !== undefined) return;
    this.computing = this.compute().finally(() => {
      this.computing = undefined;
    });
  }

  private async compute(): Promise<void> {
    try {
      const next = await this.overview.compute();
      this.failing = false;
      if (this.timer === undefined) return;
      if (this.latest !== null && sameOverview(this.latest, next)) return;
      this.latest = next;
      for (const listener of [...this.listeners]) listener(next);
    } catch (error: unknown) {
      if (!this.failing) this.logger.warn({ err: { message: (error as Error).message } }, 'cannot compute the system overview; retrying');
      this.failing = true;
    }
  }
}

/** An async iterator holding at most one pending value: a newer one replaces it. */
class LatestValueStream<T> implements AsyncIterableIterator<T> {
  private pending: { value: T } | null = null;
  private wakeUp: (() => void) | null = null;
  private finished = false;
  private readonly unsubscribe: () => void;

  constructor(subscribe: (push: (value: T) => void) => () => void) {
    this.unsubscribe = subscribe((value) => {
      this.pending = { value };
      this.signal();
    });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<T, undefined>> {
    for (;;) {
      if (this.finished) return { value: undefined, done: true };
      const pending = this.pending;
      if (pending !== null) {
        this.pending = null;
        return { value: pending.value, done: false };
      }
      await new Promise<void>((resolve) => {
        this.wakeUp = resolve;
      });
    }
  }

  async return(): Promise<IteratorResult<T, undefined>> {
    this.finished = true;
    this.pending = null;
    this.unsubscribe();
    this.signal();
    return { value: undefined, done: true };
  }

  private signal(): void {
    const wakeUp = this.wakeUp;
    this.wakeUp = null;
    wakeUp?.();
  }
}
