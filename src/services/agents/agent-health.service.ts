import type { DataSource } from 'typeorm';
import type { LocalEventBus } from '../events/event-bus';
import type { AgentHealthCache } from './agent-health-cache';
import { AgentReadCache } from './agent-read-cache';

/** How long figures stay in the process-local cache without an invalidation, in ms. Default 1_000. */
const LOCAL_TTL_MS = 1_000;
/** How long changes gather before the shared cache drops their agents' entries, in one command, in ms. Default 20. */
const SHARED_DROP_WINDOW_MS = 20;

/** The monitor view of one agent, as the AgentHealth type shows it (status comes from the agent). */
export interface AgentHealthFigures {
  queuedTasks: number;
  runningTasks: number;
  succeededTasks: number;
  failedTasks: number;
  successRate: number | null;
  avgTaskMs: number | null;
  lastError: string | null;
  lastActiveAt: Date | null;
}

export const EMPTY_HEALTH: AgentHealthFigures = Object.freeze({
  queuedTasks: 0,
  runningTasks: 0,
  succeededTasks: 0,
  failedTasks: 0,
  successRate: null,
  avgTaskMs: null,
  lastError: null,
  lastActiveAt: null,
});

interface HealthRow {
  agent_id: string;
  queued: string;
  running: string;
  succeeded: string;
  failed: string;
  avg_ms: number | null;
  last_error: string | null;
  last_active_at: Date | null;
}

/**
 * Agents' health figures: from the status cache (Redis, or in-process without it), else
 * computed from PostgreSQL for all misses in one statement. Every task or agent change
 * invalidates the agent's entry (see invalidateOn), so the cache never outlives a change
 * by more than the relay's delay.
 */
export class AgentHealthService {
  /** In front of `cache`: figures read in this process, dropped by the same invalidations. */
  private readonly local = new AgentReadCache<AgentHealthFigures>({ ttlMs: LOCAL_TTL_MS, maxEntries: 10_000 });
  /** Agents whose shared entries go at the end of the current window (null: none yet). */
  private sharedDrops: Set<string> | null = null;
  /**
   * Agents changed within the last two windows, with when that ends (epoch ms): their shared
   * entries may not have gone yet, so their figures are computed, not read from the shared cache.
   */
  private readonly sharedUntrusted = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: AgentHealthCache,
  ) {}

  /** Drops the cached figures of `agentIds` here at once, and in the shared cache. */
  invalidate(agentIds: readonly string[]): void {
    if (agentIds.length === 0) return;
    this.local.invalidate(agentIds);
    this.dropShared(agentIds);
  }

  /** Drops cached figures of agents whose tasks or status changed. */
  invalidateOn(bus: LocalEventBus): () => void {
    return bus.subscribe((event) => {
      if (event.agentId === null || (event.kind !== 'TASK_STATUS' && event.kind !== 'AGENT_STATUS')) return;
      this.invalidate([event.agentId]);
    });
  }

  /**
   * The shared cache's entries go in one command per SHARED_DROP_WINDOW_MS, not one per change:
   * a busy agent changes hundreds of times a second, in this process's commits and in the
   * relay's pages, and each command is a round trip to Redis (three a task, before). This
   * process's own cache drops its entries at once; other processes' caches are dropped by
   * their relays, which trail commits by about as long.
   */
  private dropShared(agentIds: readonly string[]): void {
    this.distrustShared(agentIds);
    if (this.sharedDrops === null) {
      const batch = new Set<string>();
      this.sharedDrops = batch;
      setTimeout(() => {
        this.sharedDrops = null;
        void this.cache.invalidate([...batch]);
      }, SHARED_DROP_WINDOW_MS).unref();
    }
    for (const id of agentIds) this.sharedDrops.add(id);
  }

  private distrustShared(agentIds: readonly string[]): void {
    if (this.sharedUntrusted.size > 10_000) this.sharedUntrusted.clear();
    const until = Date.now() + 2 * SHARED_DROP_WINDOW_MS;
    for (const id of agentIds) this.sharedUntrusted.set(id, until);
  }

  private trustsShared(agentId: string): boolean {
    const until = this.sharedUntrusted.get(agentId);
    if (until === undefined) return true;
    if (until > Date.now()) return false;
    this.sharedUntrusted.delete(agentId);
    return true;
  }

  /**
   * The figures of `agentId` if this process has them cached, without a promise (undefined:
   * ask `forAgents`). A status query then resolves its health field in the same turn.
   */
  cached(agentId: string): AgentHealthFigures | undefined {
    return this.local.peek(agentId.toLowerCase());
  }

  async forAgents(agentIds: readonly string[]): Promise<AgentHealthFigures[]> {
    const ids = agentIds.map((id) => id.toLowerCase());
    const byId = await this.local.getMany(ids, (missing) => this.readShared(missing));
    return ids.map((id) => byId.get(id)!);
  }

  /** Figures from the shared cache where it can be trusted, the rest computed (and shared). */
  private async readShared(agentIds: readonly string[]): Promise<Map<string, AgentHealthFigures>> {
    const trusted = agentIds.filter((id) => this.trustsShared(id));
    const byId = new Map<string, AgentHealthFigures>();
    (await this.cache.get(trusted)).forEach((figures, index) => figures !== undefined && byId.set(trusted[index]!, figures));
    const missing = agentIds.filter((id) => !byId.has(id));
    if (missing.length > 0) {
      const computed = await this.compute(missing);
      missing.forEach((id, index) => byId.set(id, computed[index]!));
      await this.cache.set(missing.map((id, index) => [id, computed[index]!]));
    }
    return byId;
  }

  /** The figures straight from PostgreSQL. */
  async compute(agentIds: readonly string[]): Promise<AgentHealthFigures[]> {
    const ids = agentIds.map((id) => id.toLowerCase());
    const rows: HealthRow[] = await this.dataSource.query(
      `SELECT a.id AS agent_id,
              count(*) FILTER (WHERE t.status = 'QUEUED') AS queued,
              count(*) FILTER (WHERE t.status = 'RUNNING') AS running,
              count(*) FILTER (WHERE t.status = 'SUCCEEDED') AS succeeded,
              count(*) FILTER (WHERE t.status = 'FAILED') AS failed,
              avg(t.duration_ms) FILTER (WHERE t.status IN ('SUCCEEDED', 'FAILED'))::float8 AS avg_ms,
              (SELECT f.error FROM agent_tasks f WHERE f.agent_id = a.id AND f.status = 'FAILED' ORDER BY f.completed_at DESC NULLS LAST LIMIT 1) AS last_error,
              a.last_active_at
       FROM agent_instances a LEFT JOIN agent_tasks t ON t.agent_id = a.id
       WHERE a.id = ANY($1::uuid[])
       GROUP BY a.id`,
      [ids],
    );
    const byId = new Map(rows.map((row) => [row.agent_id, row]));
    return ids.map((id) => {
      const row = byId.get(id);
      if (row === undefined) return EMPTY_HEALTH;
      const succeeded = Number(row.succeeded);
      const failed = Number(row.failed);
      return {
        queuedTasks: Number(row.queued),
        runningTasks: Number(row.running),
        succeededTasks: succeeded,
        failedTasks: failed,
        successRate: succeeded + failed === 0 ? null : succeeded / (succeeded + failed),
        avgTaskMs: row.avg_ms,
        lastError: row.last_error,
        lastActiveAt: row.last_active_at,
      };
    });
  }
}
