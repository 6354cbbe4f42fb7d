import { cleanEnv, freePort, spawnMain, type MainProcess } from '../support/main-process';

/** A worker process (`npm run worker`'s entry point) and the id it runs under. */
export interface SpawnedWorker {
  process: MainProcess;
  workerId: string;
}

/** Starts `npm run worker`'s entry point with exactly these variables (over a clean environment). */
export async function spawnWorker(env: Record<string, string>): Promise<SpawnedWorker> {
  const process = spawnMain(cleanEnv(env), 'dist/src/worker-main.js');
  const match = await process.waitForStdout(/velocity worker (\S+) running/, 60_000);
  return { process, workerId: match[1]! };
}

/** Starts `npm start`'s entry point on a free port and resolves once it listens. */
export async function spawnApi(env: Record<string, string>): Promise<{ process: MainProcess; url: string }> {
  const port = await freePort();
  const process = spawnMain(cleanEnv({ ...env, PORT: String(port) }));
  const match = await process.waitForStdout(/listening on (\S+)\/graphql/, 60_000);
  return { process, url: match[1]! };
}

/** Whether the process is still running (no exit code and no signal yet). */
export function alive(process: MainProcess): boolean {
  return process.child.exitCode === null && process.child.signalCode === null;
}
