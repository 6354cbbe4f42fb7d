import { Pool, type PoolClient, type PoolConfig } from 'pg';
import { retryWhileUnavailable } from '../db/connection-errors';

type ConnectCallback = (error: Error | undefined, client: PoolClient | undefined, done: (release?: unknown) => void) => void;

/**
 * The pool graphile-worker runs on. graphile-worker 0.17 neither awaits the completion or
 * failure of a job nor retries a refused connection, so during a PostgreSQL restart such a
 * rejection goes unhandled and would end the process. Here a connection is waited for
 * instead, for up to `patienceMs` (250 ms doubling to 5 s between tries).
 */
export class PatientPool extends Pool {
  constructor(
    config: PoolConfig,
    private readonly patienceMs: number,
    private readonly onWait: (error: unknown) => void,
  ) {
    super(config);
  }

  override connect(): Promise<PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<PoolClient> | void {
    // pg's own pool.query() passes a callback: that path stays as it is.
    if (callback !== undefined) return super.connect(callback);
    return retryWhileUnavailable(() => super.connect(), this.patienceMs, this.onWait);
  }
}
