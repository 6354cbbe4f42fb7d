/** Loads the values of `agentIds` from the source; an id it has no value for is left out. */
export type AgentValuesLoader<T> = (agentIds: readonly string[]) => Promise<ReadonlyMap<string, T>>;

export interface AgentReadCacheOptions {
  /** How long an entry lives without invalidation, in ms (e.g. 2_000). */
  ttlMs: number;
  /** Entries kept at most; past it the cache starts over (e.g. 10_000). */
  maxEntries: number;
  /** The clock, in epoch ms. Default `Date.now`. */
  now?: () => number;
}

/** A load in flight, shared by the readers that miss the same ids while it runs. */
interface PendingLoad<T> {
  /** The invalidation generation it started in: readers of a later one do not join it. */
  generation: number;
  values: Promise<ReadonlyMap<string, T>>;
}

/**
 * A process-local read cache keyed by agent id (agent rows, health figures), in front of
 * PostgreSQL and Redis, so the hottest reads cost no round trip. It is kept honest by
 * invalidation: this process's own commits drop their agents' entries before the mutation
 * answers (read-your-writes), and every process's relay drops them for changes committed
 * elsewhere, as soon as it reads their events. `ttlMs` bounds what a lost invalidation costs.
 *
 * Under load, a cache that simply expired would send every reader in flight at that moment
 * to the source at once (fifty concurrent status queries: fifty identical reads, each the
 * slowest request of its second). So readers that miss the same id share one load, and an
 * entry read in the second half of its life is reloaded in the background while it is still
 * served: a hot entry never expires, and is never older than `ttlMs`.
 *
 * A load that started before an invalidation may predate that change: it is neither kept nor
 * joined by readers that came after the invalidation.
 */
export class AgentReadCache<T> {
  private readonly entries = new Map<string, { value: T; loadedAt: number }>();
  private readonly pending = new Map<string, PendingLoad<T>>();
  private generation = 0;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: AgentReadCacheOptions) {
    this.ttlMs = options.ttlMs;
    this.maxEntries = options.maxEntries;
    this.now = options.now ?? Date.now;
  }

  /** The values of `agentIds` (ids without one are absent), from the cache or one shared `load` of the rest. */
  async getMany(agentIds: readonly string[], load: AgentValuesLoader<T>): Promise<Map<string, T>> {
    const now = this.now();
    const found = new Map<string, T>();
    const joined: Promise<ReadonlyMap<string, T>>[] = [];
    const missing: string[] = [];
    const stale: string[] = [];
    for (const agentId of new Set(agentIds)) {
      const entry = this.fresh(agentId, now);
      if (entry !== undefined) {
        found.set(agentId, entry.value);
        if (this.wantsReload(agentId, entry, now)) stale.push(agentId);
        continue;
      }
      const inFlight = this.joinable(agentId);
      if (inFlight !== undefined) joined.push(inFlight.values);
      else missing.push(agentId);
    }
    // Served from the cache now; the source is read once in the background for the next readers.
    if (stale.length > 0) this.start(stale, load).values.catch(() => undefined);
    if (missing.length > 0) joined.push(this.start(missing, load).values);
    // The hot path (every id cached) allocates no promise of its own.
    if (joined.length === 0) return found;
    for (const values of await Promise.all(joined)) {
      for (const agentId of agentIds) {
        const value = values.get(agentId);
        if (value !== undefined && !found.has(agentId)) found.set(agentId, value);
      }
    }
    return found;
  }

  /**
   * The cached value of `agentId` now, without a promise, or undefined: none, too old, or due
   * for its background reload, which `getMany` starts (one load for all the ids a caller's
   * loader gathers, where a peek per id would start one each).
   */
  peek(agentId: string): T | undefined {
    const now = this.now();
    const entry = this.fresh(agentId, now);
    return entry === undefined || this.wantsReload(agentId, entry, now) ? undefined : entry.value;
  }

  /** The entry of `agentId` if younger than `ttlMs`; an older one is dropped. */
  private fresh(agentId: string, now: number): { value: T; loadedAt: number } | undefined {
    const entry = this.entries.get(agentId);
    if (entry === undefined || now - entry.loadedAt < this.ttlMs) return entry;
    this.entries.delete(agentId);
    return undefined;
  }

  /** A served entry in the second half of its life, with no load of it running yet. */
  private wantsReload(agentId: string, entry: { loadedAt: number }, now: number): boolean {
    return now - entry.loadedAt >= this.ttlMs / 2 && this.joinable(agentId) === undefined;
  }

  /** Drops the entries of `agentIds`; loads already running are not kept or shared afterwards. */
  invalidate(agentIds: Iterable<string>): void {
    this.generation += 1;
    for (const agentId of agentIds) this.entries.delete(agentId);
  }

  private joinable(agentId: string): PendingLoad<T> | undefined {
    const inFlight = this.pending.get(agentId);
    return inFlight !== undefined && inFlight.generation === this.generation ? inFlight : undefined;
  }

  private start(agentIds: readonly string[], load: AgentValuesLoader<T>): PendingLoad<T> {
    const generation = this.generation;
    const loadedAt = this.now();
    const values = load(agentIds).then((loaded) => {
      if (generation === this.generation) {
        if (this.entries.size + loaded.size > this.maxEntries) this.entries.clear();
        for (const [agentId, value] of loaded) this.entries.set(agentId, { value, loadedAt });
      }
      return loaded;
    });
    const pendingLoad: PendingLoad<T> = { generation, values };
    for (const agentId of agentIds) this.pending.set(agentId, pendingLoad);
    const forget = (): void => {
      for (const agentId of agentIds) if (this.pending.get(agentId) === pendingLoad) this.pending.delete(agentId);
    };
    values.then(forget, forget);
    return pendingLoad;
  }
}
