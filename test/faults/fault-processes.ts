import { cleanEnv, freePort, spawnMain, type MainProcess } from '../support/main-process';

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
