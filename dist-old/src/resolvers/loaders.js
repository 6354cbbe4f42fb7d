"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.createLoaders = createLoaders;
const dataloader_1 = __importDefault(require("dataloader"));
const workflow_loaders_1 = require("./workflow-loaders");
/**
 * A loader of per-agent pages: requests in one tick are grouped by their arguments,
 * and each group is one batched service call, so N agents cost a fixed number of queries.
 */
function pagesByAgent(load) {
    return new dataloader_1.default(async (keys) => {
        const groups = new Map();
        for (const key of keys) {
            const group = `${key.filter}|${key.first}|${key.after}`;
            groups.set(group, [...(groups.get(group) ?? []), key]);
        }
        const results = new Map();
        await Promise.all([...groups.values()].map(async (group) => {
            const first = group[0];
            const pages = await load(group.map((key) => key.agentId), first.filter, first.first, first.after);
            group.forEach((key, index) => results.set(JSON.stringify(key), pages[index]));
        }));
        return keys.map((key) => results.get(JSON.stringify(key)));
    }, { cacheKeyFn: (key) => JSON.stringify(key) });
}
/** How each per-request loader is made (on first read: a status query uses two of a dozen). */
const LOADER_FACTORIES = {
    ...workflow_loaders_1.WORKFLOW_LOADER_FACTORIES,
    agentById: (services) => new dataloader_1.default((ids) => services.agents.getMany(ids)),
    taskById: (services) => new dataloader_1.default((ids) => services.tasks.getMany(ids)),
    agentHealth: (services) => new dataloader_1.default((ids) => services.agentHealth.forAgents(ids)),
    agentTasks: (services) => pagesByAgent((ids, status, first, after) => services.tasks.pagesForAgents(ids, status, first, after)),
    agentMetrics: (services) => new dataloader_1.default(async (keys) => {
        const groups = new Map();
        for (const key of keys)
            groups.set(`${key.name}|${key.since}|${key.bucketSeconds}`, [...(groups.get(`${key.name}|${key.since}|${key.bucketSeconds}`) ?? []), key]);
        const results = new Map();
        await Promise.all([...groups.values()].map(async (group) => {
            const { name, since, bucketSeconds } = group[0];
            const points = await services.metrics.bucketsForAgents(group.map((key) => key.agentId), { name, since: since === null ? null : new Date(since), bucketSeconds });
            group.forEach((key, index) => results.set(JSON.stringify(key), points[index]));
        }));
        return keys.map((key) => results.get(JSON.stringify(key)));
    }, { cacheKeyFn: (key) => JSON.stringify(key) }),
    agentLogs: (services) => pagesByAgent((ids, minLevel, first, after) => services.auditLog.pagesForAgents(ids, minLevel, first, after)),
};
/**
 * Per-request loaders, made on first read. The getters live on the prototype, defined once: a
 * request only allocates this object (before, defining a dozen getters on a fresh object for
 * every request was ~11% of the API's CPU under a load of status queries).
 */
class RequestLoaders {
    services;
    made;
    constructor(services) {
        this.services = services;
    }
    loader(key) {
        this.made ??= new Map();
        let loader = this.made.get(key);
        if (loader === undefined) {
            loader = LOADER_FACTORIES[key](this.services);
            this.made.set(key, loader);
        }
        return loader;
    }
}
for (const key of Object.keys(LOADER_FACTORIES)) {
    Object.defineProperty(RequestLoaders.prototype, key, {
        enumerable: true,
        get() {
            return this.loader(key);
        },
    });
}
/** Per-request loaders: created for each operation so nothing is cached across users. */
function createLoaders(services) {
    return new RequestLoaders(services);
}
//# sourceMappingURL=loaders.js.map