import DataLoader from 'dataloader';
import type { Services } from '../services';
import type { Page } from '../services/common/pagination';
import type { StepRunRecord, WorkflowRecord, WorkflowRunRecord } from '../services/workflows/workflow-rows';

interface RunsPageKey {
  workflowId: string;
  first: number;
  after: string | null;
}

/** Workflow loader factories (merged into the per-request loaders): a fixed number of queries however many rows. */
export const WORKFLOW_LOADER_FACTORIES = {
  workflowById: (services: Services) => new DataLoader<string, WorkflowRecord | null>((ids) => services.workflows.getMany(ids)),
  workflowRunById: (services: Services) => new DataLoader<string, WorkflowRunRecord | null>((ids) => services.workflowRuns.getMany(ids)),
  workflowRunSteps: (services: Services) => new DataLoader<string, StepRunRecord[]>((runIds) => services.workflowRuns.stepsForRuns(runIds)),
  /** Workflow.runs: keys with the same (first, after) are one batched call. */
  workflowRuns: (services: Services) => new DataLoader<RunsPageKey, Page<WorkflowRunRecord>, string>(
    async (keys) => {
      const groups = new Map<string, RunsPageKey[]>();
      for (const key of keys) {
        const group = `${key.first}|${key.after}`;
        groups.set(group, [...(groups.get(group) ?? []), key]);
      }
      const results = new Map<string, Page<WorkflowRunRecord>>();
      await Promise.all(
        [...groups.values()].map(async (group) => {
          const pages = await services.workflowRuns.pagesForWorkflows(
            group.map((key) => key.workflowId),
            group[0]!.first,
            group[0]!.after,
          );
          group.forEach((key, index) => results.set(JSON.stringify(key), pages[index]!));
        }),
      );
      return keys.map((key) => results.get(JSON.stringify(key))!);
    },
    { cacheKeyFn: (key) => JSON.stringify(key) },
  ),
};
