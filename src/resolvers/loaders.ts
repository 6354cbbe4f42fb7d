import DataLoader from 'dataloader';
import type { AgentInstanceEntity } from '../entities';
import type { Services } from '../services';
import type { AgentHealthFigures } from '../services/agents/agent-health.service';
import type { AuditLogLine } from '../services/audit/audit-log.service';
import type { UncountedPage } from '../services/common/pagination';
import type { LogLevel } from '../services/events/event-types';
import type { MetricPointView } from '../services/metrics/metric-query.service';
import type { TaskView } from '../services/tasks/task-row';
import { WORKFLOW_LOADER_FACTORIES } from './workflow-loaders';

interface PageKey {
  agentId: string;
  filter: string | null;
  first: number;
  after: string | null;
}

/**
 * A loader of per-agent pages: requests in one tick are grouped by their arguments,
 * and each group is one batched service call, so N agents cost a fixed number of queries.
 */
function pagesByAgent<P>(load: (agentIds: string[], filter: string | null, first: number, after: string | null) => Promise<P[]>): DataLoader<PageKey, P, string> {
  return new DataLoader<PageKey, P, string>(
    async (keys) => {
      const groups = new Map<string, PageKey[]>();
      for (const key of keys) {
        const group = JSON.stringify([key.filter, key.first, key.after]);
        groups.set(group, [...(groups.get(group) ?? []), key]);
      }
      const results = new Map<string, P>();
      await Promise.all(
        [...groups.values()].map(async (group) => {
          const first = group[0]!;
          const pages = await load(
            group.map((key) => key.agentId),
            first.filter,
            first.first,
            first.after,
          );
          group.forEach((key, index) => results.set(JSON.stringify(key), pages[index]!));
        }),
      );
      return keys.map((key) => results.get(JSON.stringify(key))!);
    },
    { cacheKeyFn: (key) => JSON.stringify(key) },
  );
}

interface CountKey {
  agentId: string;
  filter: string | null;
}

/**
 * A loader of per-agent totals (a connection's totalCount, loaded only when a client selects
 * it): one batched service call per filter asked in the same tick.
 */
function countsByAgent(count: (agentIds: string[], filter: string | null) => Promise<number[]>): DataLoader<CountKey, number, string> {
  return new DataLoader<CountKey, number, string>(
    async (keys) => {
      const results = new Map<string, number>();
      await Promise.all(
        [...new Set(keys.map((key) => key.filter))].map(async (filter) => {
          const agentIds = keys.filter((key) => key.filter === filter).map((key) => key.agentId);
          const totals = await count(agentIds, filter);
          agentIds.forEach((agentId, index) => results.set(JSON.stringify({ agentId, filter }), totals[index]!));
        }),
      );
      return keys.map((key) => results.get(JSON.stringify({ agentId: key.agentId, filter: key.filter }))!);
    },
    { cacheKeyFn: (key) => JSON.stringify({ agentId: key.agentId, filter: key.filter }) },
  );
}

/** How each per-request loader is made (on first read: a status query uses two of a dozen). */
const LOADER_FACTORIES = {
  ...WORKFLOW_LOADER_FACTORIES,
  agentById: (services: Services) => new DataLoader<string, AgentInstanceEntity | null>((ids) => services.agents.getMany(ids)),
  taskById: (services: Services) => new DataLoader<string, TaskView | null>((ids) => services.tasks.getMany(ids)),
  agentHealth: (services: Services) => new DataLoader<string, AgentHealthFigures>((ids) => services.agentHealth.forAgents(ids)),
  agentTasks: (services: Services) => pagesByAgent<UncountedPage<TaskView>>((ids, status, first, after) => services.tasks.pagesForAgents(ids, status, first, after)),
  agentTaskCounts: (services: Services) => countsByAgent((ids, status) => services.tasks.countsForAgents(ids, status)),
  agentMetrics: (services: Services) => new DataLoader<{ agentId: string; name: string; since: string | null; bucketSeconds: number }, MetricPointView[], string>(
    async (keys) => {
      const groups = new Map<string, typeof keys[number][]>();
      for (const key of keys) groups.set(`${key.name}|${key.since}|${key.bucketSeconds}`, [...(groups.get(`${key.name}|${key.since}|${key.bucketSeconds}`) ?? []), key]);
      const results = new Map<string, MetricPointView[]>();
      await Promise.all(
        [...groups.values()].map(async (group) => {
          const { name, since, bucketSeconds } = group[0]!;
          const points = await services.metrics.bucketsForAgents(
            group.map((key) => key.agentId),
            { name, since: since === null ? null : new Date(since), bucketSeconds },
          );
          group.forEach((key, index) => results.set(JSON.stringify(key), points[index]!));
        }),
      );
      return keys.map((key) => results.get(JSON.stringify(key))!);
    },
    { cacheKeyFn: (key) => JSON.stringify(key) },
  ),
  agentLogs: (services: Services) => pagesByAgent<UncountedPage<AuditLogLine>>((ids, minLevel, first, after) => services.auditLog.pagesForAgents(ids, minLevel as LogLevel | null, first, after)),
  agentLogCounts: (services: Services) => countsByAgent((ids, minLevel) => services.auditLog.countsForAgents(ids, minLevel as LogLevel | null)),
};

type LoaderFactories = typeof LOADER_FACTORIES;
export type Loaders = { readonly [K in keyof LoaderFactories]: ReturnType<LoaderFactories[K]> };

/**
 * Per-request loaders, made on first read. The getters live on the prototype, defined once: a
 * request only allocates this object (before, defining a dozen getters on a fresh object for
 * every request was ~11% of the API's CPU under a load of status queries).
 */
class RequestLoaders {
  private made: Map<string, unknown> | undefined;

  constructor(readonly services: Services) {}

  loader(key: keyof LoaderFactories): unknown {
    this.made ??= new Map();
    let loader = this.made.get(key);
    if (loader === undefined) {
      loader = LOADER_FACTORIES[key](this.services);
      this.made.set(key, loader);
    }
    return loader;
  }
}

for (const key of Object.keys(LOADER_FACTORIES) as (keyof LoaderFactories)[]) {
  Object.defineProperty(RequestLoaders.prototype, key, {
    enumerable: true,
    get(this: RequestLoaders) {
      return this.loader(key);
    },
  });
}

/** Per-request loaders: created for each operation so nothing is cached across users. */
export function createLoaders(services: Services): Loaders {
  return new RequestLoaders(services) as unknown as Loaders;
}
