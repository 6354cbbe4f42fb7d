import { Logger, makeWorkerUtils, run } from 'graphile-worker';

/** graphile-worker logs every job at info level: silence it so it does not cost the baseline. */
const quiet = new Logger(() => () => undefined);
import { pooled } from '../graphql-http';

export interface RawThroughput {
  jobs: number;
  seconds: number;
  jobsPerSecond: number;
}

/**
 * The baseline: graphile-worker itself adding `jobs` no-op jobs from `clients` concurrent
 * adders and draining them at `concurrency`, default settings, in a schema of its own on
 * the same database.
 */
export async function measureRawGraphile(databaseUrl: string, jobs: number, clients: number, concurrency: number): Promise<RawThroughput> {
  const schema = 'bench_graphile_worker';
  const utils = await makeWorkerUtils({ connectionString: databaseUrl, schema, logger: quiet });
  await utils.migrate();
  let done = 0;
  let finished!: () => void;
  const allDone = new Promise<void>((resolve) => (finished = resolve));
  const runner = await run({
    connectionString: databaseUrl,
    schema,
    concurrency,
    noHandleSignals: true,
    logger: quiet,
    taskList: {
      bench_noop: async () => {
        done += 1;
        if (done === jobs) finished();
      },
    },
  });
  const started = performance.now();
  await pooled(jobs, clients, async () => {
    await utils.addJob('bench_noop', {});
  });
  await allDone;
  const seconds = (performance.now() - started) / 1000;
  await runner.stop();
  await utils.release();
  return { jobs, seconds, jobsPerSecond: jobs / seconds };
}
