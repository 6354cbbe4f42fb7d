/**
 * A process-local read cache keyed by agent id (agent rows, health figures), in front of
 * PostgreSQL and Redis, so the hottest reads cost no round trip. It is kept honest by
 * invalidation: this process's own commits drop their agents' entries before the mutation
 * answers (read-your-writes), and every process's relay drops them for changes committed
 * elsewhere, as soon as it reads their events. `ttlMs` bounds what a lost invalidation costs.
 *
 * A value read from the source while an invalidation happened may predate that change, so
 * `set` keeps it only if no invalidation happened since its `begin()`.
 */
export class AgentReadCache<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();
  private generation = 0;

  /**
   * @param ttlMs how long an entry lives without invalidation, in ms (e.g. 2_000).
   * @param maxEntries entries kept at most; past it the cache starts over (e.g. 10_000).
   */
  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  get(agentId: string): T | undefined {
    const entry = this.entries.get(agentId);
    if (entry === undefined) return undefined;
    if (entry.expiresAt > Date.now()) return entry.value;
    this.entries.delete(agentId);
    return undefined;
  }

  /** Marks the start of a read from the source; pass the answer to `set`. */
  begin(): number {
    return this.generation;
  }

  set(agentId: string, value: T, readSince: number): void {
    if (readSince !== this.generation) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(agentId, { value, expiresAt: Date.now() + this.ttlMs });
  }

  invalidate(agentIds: Iterable<string>): void {
    this.generation += 1;
    for (const agentId of agentIds) this.entries.delete(agentId);
  }
}
