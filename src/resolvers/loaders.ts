import DataLoader from 'dataloader';
import type { AgentInstanceEntity } from '../entities';
import type { Services } from '../services';
import type { AgentHealthFigures } from '../services/agents/agent-health.service';
import type { AuditLogLine } from '../services/audit/audit-log.service';
import type { Page } from '../services/common/pagination';
import type { LogLevel } from '../services/events/event-types';
import type { MetricPointView } from '../services/metrics/metric-query.service';
import type { TaskView } from '../services/tasks/task-row';
import { createWorkflowLoaders } from './workflow-loaders';

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

/**
 * An object whose properties are made on first read: an operation pays only for the loaders
 * it uses (a status query uses two of a dozen).
 */
function madeOnFirstUse<T extends Record<string, () => unknown>>(factories: T): { readonly [K in keyof T]: ReturnType<T[K]> } {
  const made = new Map<string, unknown>();
  const target = {};
  for (const key of Object.keys(factories)) {
    Object.defineProperty(target, key, {
      enumerable: true,
      get: () => {
        if (!made.has(key)) made.set(key, factories[key]!());
        return made.get(key);
      },
    });
  }
  return target as { readonly [K in keyof T]: ReturnType<T[K]> };
}

/** Per-request loaders: created for each operation so nothing is cached across users. */
export function createLoaders(services: Services) {
  return madeOnFirstUse({
    ...createWorkflowLoaders(services),
    agentById: () => new DataLoader<string, AgentInstanceEntity | null>((ids) => services.agents.getMany(ids)),
    taskById: () => new DataLoader<string, TaskView | null>((ids) => services.tasks.getMany(ids)),
    agentHealth: () => new DataLoader<string, AgentHealthFigures>((ids) => services.agentHealth.forAgents(ids)),
    agentTasks: () => pagesByAgent<TaskView>((ids, status, first, after) => services.tasks.pagesForAgents(ids, status, first, after)),
    agentMetrics: () => new DataLoader<{ agentId: string; name: string; since: string | null; bucketSeconds: number }, MetricPointView[], string>(
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
    agentLogs: () => pagesByAgent<AuditLogLine>((ids, minLevel, first, after) => services.auditLog.pagesForAgents(ids, minLevel as LogLevel | null, first, after)),
  });
}

export type Loaders = ReturnType<typeof createLoaders>;
