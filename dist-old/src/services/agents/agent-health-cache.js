"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MemoryHealthCache = exports.RedisHealthCache = void 0;
/** How long a cached health stays valid without a change, in seconds. Default 5. */
const TTL_SECONDS = 5;
function revive(text) {
    if (text === null)
        return undefined;
    const parsed = JSON.parse(text);
    return { ...parsed, lastActiveAt: parsed.lastActiveAt === null ? null : new Date(parsed.lastActiveAt) };
}
/** Shared by every process through Redis; every Redis failure degrades to a miss. */
class RedisHealthCache {
    redis;
    prefix;
    constructor(redis, prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }
    key(agentId) {
        return `${this.prefix}agent-health:${agentId}`;
    }
    async get(agentIds) {
        if (agentIds.length === 0 || this.redis.status !== 'ready')
            return agentIds.map(() => undefined);
        try {
            return (await this.redis.mget(agentIds.map((id) => this.key(id)))).map(revive);
        }
        catch {
            return agentIds.map(() => undefined);
        }
    }
    async set(entries) {
        if (entries.length === 0 || this.redis.status !== 'ready')
            return;
        const pipeline = this.redis.pipeline();
        for (const [agentId, figures] of entries)
            pipeline.set(this.key(agentId), JSON.stringify(figures), 'EX', TTL_SECONDS);
        await pipeline.exec().catch(() => undefined);
    }
    async invalidate(agentIds) {
        if (agentIds.length === 0 || this.redis.status !== 'ready')
            return;
        await this.redis.del(...agentIds.map((id) => this.key(id))).catch(() => undefined);
    }
}
exports.RedisHealthCache = RedisHealthCache;
/** Without REDIS_URL: one process's own cache (correct for a single node only, as documented). */
class MemoryHealthCache {
    entries = new Map();
    async get(agentIds) {
        const now = Date.now();
        return agentIds.map((id) => {
            const entry = this.entries.get(id);
            return entry !== undefined && entry.expiresAt > now ? entry.figures : undefined;
        });
    }
    async set(entries) {
        if (this.entries.size > 50_000)
            this.entries.clear();
        const expiresAt = Date.now() + TTL_SECONDS * 1000;
        for (const [id, figures] of entries)
            this.entries.set(id, { figures, expiresAt });
    }
    async invalidate(agentIds) {
        for (const id of agentIds)
            this.entries.delete(id);
    }
}
exports.MemoryHealthCache = MemoryHealthCache;
//# sourceMappingURL=agent-health-cache.js.map