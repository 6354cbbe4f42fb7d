import type { Redis } from 'ioredis';
import type { AgentHealthFigures } from './agent-health.service';

/** The status cache in front of AgentHealthService: a miss or an outage only means "ask PostgreSQL". */
export interface AgentHealthCache {
  get(agentIds: readonly string[]): Promise<(AgentHealthFigures | undefined)[]>;
  set(entries: readonly [string, AgentHealthFigures][]): Promise<void>;
  invalidate(agentIds: readonly string[]): Promise<void>;
}

/** How long a cached health stays valid without a change, in seconds. Default 5. */
const TTL_SECONDS = 5;

function revive(text: string | null): AgentHealthFigures | undefined {
  if (text === null) return undefined;
  const parsed = JSON.parse(text) as AgentHealthFigures & { lastActiveAt: string | null };
  return { ...parsed, lastActiveAt: parsed.lastActiveAt === null ? null : new Date(parsed.lastActiveAt) };
}

/** Shared by every process through Redis; every Redis failure degrades to a miss. */
export class RedisHealthCache implements AgentHealthCache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(agentId: string): string {
    return `${this.prefix}agent-health:${agentId}`;
  }

  async get(agentIds: readonly string[]): Promise<(AgentHealthFigures | undefined)[]> {
    if (agentIds.length === 0 || this.redis.status !== 'ready') return agentIds.map(() => undefined);
    try {
      return (await this.redis.mget(agentIds.map((id) => this.key(id)))).map(revive);
    } catch {
      return agentIds.map(() => undefined);
    }
  }

  async set(entries: readonly [string, AgentHealthFigures][]): Promise<void> {
    if (entries.length === 0 || this.redis.status !== 'ready') return;
    const pipeline = this.redis.pipeline();
    for (const [agentId, figures] of entries) pipeline.set(this.key(agentId), JSON.stringify(figures), 'EX', TTL_SECONDS);
    await pipeline.exec().catch(() => undefined);
  }

  async invalidate(agentIds: readonly string[]): Promise<void> {
    if (agentIds.length === 0 || this.redis.status !== 'ready') return;
    await this.redis.del(...agentIds.map((id) => this.key(id))).catch(() => undefined);
  }
}

/** Without REDIS_URL: one process's own cache (correct for a single node only, as documented). */
export class MemoryHealthCache implements AgentHealthCache {
  private readonly entries = new Map<string, { figures: AgentHealthFigures; expiresAt: number }>();

  async get(agentIds: readonly string[]): Promise<(AgentHealthFigures | undefined)[]> {
    const now = Date.now();
    return agentIds.map((id) => {
      const entry = this.entries.get(id);
      return entry !== undefined && entry.expiresAt > now ? entry.figures : undefined;
    });
  }

  async set(entries: readonly [string, AgentHealthFigures][]): Promise<void> {
    if (this.entries.size > 50_000) this.entries.clear();
    const expiresAt = Date.now() + TTL_SECONDS * 1000;
    for (const [id, figures] of entries) this.entries.set(id, { figures, expiresAt });
  }

  async invalidate(agentIds: readonly string[]): Promise<void> {
    for (const id of agentIds) this.entries.delete(id);
  }
}
