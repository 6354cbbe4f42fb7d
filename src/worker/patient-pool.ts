import { Pool, type PoolClient, type PoolConfig } from 'pg';
import { isConnectionError, retryWhileUnavailable } from '../db/connection-errors';

type ConnectCallback = (error: Error | undefined, client: PoolClient | undefined, done: (release?: unknown) => void) => void;

/** SQLSTATE connection_failure: the code given to pg's code-less errors of a lost connection. */
const CONNECTION_FAILURE = '08006';

/**
 * The pool graphile-worker runs on. graphile-worker 0.17 neither awaits the completion or
 * failure of a job nor retries a refused connection, so during a PostgreSQL restart such a
 * rejection goes unhandled and would end the process. Here a connection is waited for
 * instead, for up to `patienceMs` (250 ms doubling to 5 s between tries), and a statement
 * that fails because its connection was lost always carries a code (pg's own messages for
 * that, "Connection terminated unexpectedly" and "… not queryable", have none), so that
 * graphile's retries, widened by `retryGraphileWhileUnavailable`, recognise it.
 */
export class PatientPool extends Pool {
  constructor(
    config: PoolConfig,
    private readonly patienceMs: number,
    private readonly onWait: (error: unknown) => void,
  ) {
    super(config);
    this.on('connect', (client: PoolClient) => codeConnectionErrors(client));
  }

  override connect(): Promise<PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<PoolClient> | void {
    // pg's own pool.query() passes a callback: that path stays as it is.
    if (callback !== undefined) return super.connect(callback);
    return retryWhileUnavailable(() => super.connect(), this.patienceMs, this.onWait);
  }
}

/** Wraps a new client's promise-returning `query` so its lost-connection failures carry `CONNECTION_FAILURE`. */
function codeConnectionErrors(client: PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]): unknown => {
    const result = query(...args);
    if (!(result instanceof Promise)) return result;
    return result.catch((error: unknown) => {
      if (isConnectionError(error) && typeof error === 'object' && error !== null && (error as { code?: unknown }).code === undefined) {
        (error as { code?: string }).code = CONNECTION_FAILURE;
      }
      throw error;
    });
  };
}
