import type { DataSource } from 'typeorm';

/** Something that can say whether it answers (Redis, when configured). */
export interface Pingable {
  name: string;
  ping(): Promise<void>;
}

export interface Readiness {
  ready: boolean;
  checks: Record<string, 'ok' | string>;
}

/** How long one readiness check may take, in ms. Default 2_000. */
const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** PostgreSQL (and each extra dependency) must answer for the process to be ready. */
export async function checkReadiness(dataSource: DataSource, extras: readonly Pingable[]): Promise<Readiness> {
  const checks: Record<string, string> = {};
  const probes: [string, () => Promise<unknown>][] = [['postgres', () => dataSource.query('SELECT 1')], ...extras.map((extra): [string, () => Promise<unknown>] => [extra.name, () => extra.ping()])];
  await Promise.all(
    probes.map(async ([name, probe]) => {
      try {
        await withTimeout(probe(), CHECK_TIMEOUT_MS);
        checks[name] = 'ok';
      } catch (error: unknown) {
        // The reason is shown to operators; connection errors carry no credentials.
        checks[name] = `unavailable: ${error instanceof Error ? error.message : String(error)}`;
      }
    }),
  );
  return { ready: Object.values(checks).every((value) => value === 'ok'), checks };
}
