"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AgentReadCache = void 0;
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
class AgentReadCache {
    entries = new Map();
    pending = new Map();
    generation = 0;
    ttlMs;
    maxEntries;
    now;
    constructor(options) {
        this.ttlMs = options.ttlMs;
        this.maxEntries = options.maxEntries;
        this.now = options.now ?? Date.now;
    }
    /** The values of `agentIds` (ids without one are absent), from the cache or one shared `load` of the rest. */
    async getMany(agentIds, load) {
        const now = this.now();
        const found = new Map();
        const joined = [];
        const missing = [];
        const stale = [];
        for (const agentId of new Set(agentIds)) {
            const entry = this.entries.get(agentId);
            const age = entry === undefined ? Number.POSITIVE_INFINITY : now - entry.loadedAt;
            if (entry !== undefined && age < this.ttlMs) {
                found.set(agentId, entry.value);
                if (age >= this.ttlMs / 2 && this.joinable(agentId) === undefined)
                    stale.push(agentId);
                continue;
            }
            if (entry !== undefined)
                this.entries.delete(agentId);
            const inFlight = this.joinable(agentId);
            if (inFlight !== undefined)
                joined.push(inFlight.values);
            else
                missing.push(agentId);
        }
        // Served from the cache now; the source is read once in the background for the next readers.
        if (stale.length > 0)
            this.start(stale, load).values.catch(() => undefined);
        if (missing.length > 0)
            joined.push(this.start(missing, load).values);
        // The hot path (every id cached) allocates no promise of its own.
        if (joined.length === 0)
            return found;
        for (const values of await Promise.all(joined)) {
            for (const agentId of agentIds) {
                const value = values.get(agentId);
                if (value !== undefined && !found.has(agentId))
                    found.set(agentId, value);
            }
        }
        return found;
    }
    /** Drops the entries of `agentIds`; loads already running are not kept or shared afterwards. */
    invalidate(agentIds) {
        this.generation += 1;
        for (const agentId of agentIds)
            this.entries.delete(agentId);
    }
    joinable(agentId) {
        const inFlight = this.pending.get(agentId);
        return inFlight !== undefined && inFlight.generation === this.generation ? inFlight : undefined;
    }
    start(agentIds, load) {
        const generation = this.generation;
        const loadedAt = this.now();
        const values = load(agentIds).then((loaded) => {
            if (generation === this.generation) {
                if (this.entries.size + loaded.size > this.maxEntries)
                    this.entries.clear();
                for (const [agentId, value] of loaded)
                    this.entries.set(agentId, { value, loadedAt });
            }
            return loaded;
        });
        const pendingLoad = { generation, values };
        for (const agentId of agentIds)
            this.pending.set(agentId, pendingLoad);
        const forget = () => {
            for (const agentId of agentIds)
                if (this.pending.get(agentId) === pendingLoad)
                    this.pending.delete(agentId);
        };
        values.then(forget, forget);
        return pendingLoad;
    }
}
exports.AgentReadCache = AgentReadCache;
//# sourceMappingURL=agent-read-cache.js.map