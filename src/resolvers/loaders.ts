import DataLoader from 'dataloader';
import type { AgentInstanceEntity } from '../entities';
import type { Services } from '../services';
import type { AgentHealthFigures } from '../services/agents/agent-health.service';
import type { AuditLogLine } from '../services/audit/audit-log.service';
import type { Page } from '../services/common/pagination';
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
function pagesByAgent<T>(load: (agentIds: string[], filter: string | null, first: number, after: string | null) => Promise<Page<T>[]>): DataLoader<PageKey, Page<T>, string> {
  return new DataLoader<PageKey, Page<T>, string>(
    async (keys) => {
      const groups = new Map<string, PageKey[]>();
      for (const key of keys) {
        const group = `${key.filter}|${key.first}|${key.after}`;
        groups.set(group, [...(groups.get(group) ?? []), key]);
      }
      const results = new Map<string, Page<T>>();
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

/** How each per-request loader is made (on first read: a status query uses two of a dozen). */
const LOADER_FACTORIES = {
  ...WORKFLOW_LOADER_FACTORIES,
  agentById: (services: Services) => new DataLoader<string, AgentInstanceEntity | null>((ids) => services.agents.getMany(ids)),
  taskById: (services: Services) => new DataLoader<string, TaskView | null>((ids) => services.tasks.getMany(ids)),
  agentHealth: (services: Services) => new DataLoader<string, AgentHealthFigures>((ids) => services.agentHealth.forAgents(ids)),
  agentTasks: (services: Services) => pagesByAgent<TaskView>((ids, status, first, after) => services.tasks.pagesForAgents(ids, status, first, after)),
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
  agentLogs: (services: Services) => pagesByAgent<AuditLogLine>((ids, minLevel, first, after) => services.auditLog.pagesForAgents(ids, minLevel as LogLevel | null, first, after)),
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
