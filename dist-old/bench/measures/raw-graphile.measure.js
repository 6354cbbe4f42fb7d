"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.measureRawGraphile = measureRawGraphile;
const graphile_worker_1 = require("graphile-worker");
/** graphile-worker logs every job at info level: silence it so it does not cost the baseline. */
const quiet = new graphile_worker_1.Logger(() => () => undefined);
const graphql_http_1 = require("../graphql-http");
/**
 * The baseline: graphile-worker itself adding `jobs` no-op jobs from `clients` concurrent
 * adders and draining them at `concurrency`, default settings, in a schema of its own on
 * the same database.
 */
async function measureRawGraphile(databaseUrl, jobs, clients, concurrency) {
    const schema = 'bench_graphile_worker';
    const utils = await (0, graphile_worker_1.makeWorkerUtils)({ connectionString: databaseUrl, schema, logger: quiet });
    await utils.migrate();
    let done = 0;
    let finished;
    const allDone = new Promise((resolve) => (finished = resolve));
    const runner = await (0, graphile_worker_1.run)({
        connectionString: databaseUrl,
        schema,
        concurrency,
        noHandleSignals: true,
        logger: quiet,
        taskList: {
            bench_noop: async () => {
                done += 1;
                if (done === jobs)
                    finished();
            },
        },
    });
    const started = performance.now();
    await (0, graphql_http_1.pooled)(jobs, clients, async () => {
        await utils.addJob('bench_noop', {});
    });
    await allDone;
    const seconds = (performance.now() - started) / 1000;
    await runner.stop();
    await utils.release();
    return { jobs, seconds, jobsPerSecond: jobs / seconds };
}
//# sourceMappingURL=raw-graphile.measure.js.map