"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.WORKFLOW_LOADER_FACTORIES = void 0;
const dataloader_1 = __importDefault(require("dataloader"));
/** Workflow loader factories (merged into the per-request loaders): a fixed number of queries however many rows. */
exports.WORKFLOW_LOADER_FACTORIES = {
    workflowById: (services) => new dataloader_1.default((ids) => services.workflows.getMany(ids)),
    workflowRunById: (services) => new dataloader_1.default((ids) => services.workflowRuns.getMany(ids)),
    workflowRunSteps: (services) => new dataloader_1.default((runIds) => services.workflowRuns.stepsForRuns(runIds)),
    /** Workflow.runs: keys with the same (first, after) are one batched call. */
    workflowRuns: (services) => new dataloader_1.default(async (keys) => {
        const groups = new Map();
        for (const key of keys) {
            const group = `${key.first}|${key.after}`;
            groups.set(group, [...(groups.get(group) ?? []), key]);
        }
        const results = new Map();
        await Promise.all([...groups.values()].map(async (group) => {
            const pages = await services.workflowRuns.pagesForWorkflows(group.map((key) => key.workflowId), group[0].first, group[0].after);
            group.forEach((key, index) => results.set(JSON.stringify(key), pages[index]));
        }));
        return keys.map((key) => results.get(JSON.stringify(key)));
    }, { cacheKeyFn: (key) => JSON.stringify(key) }),
};
//# sourceMappingURL=workflow-loaders.js.map