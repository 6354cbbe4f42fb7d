import { createServer, type Server, type Socket } from 'node:net';
import { createDataSource } from '../../src/db/data-source';
import { PatientPool } from '../../src/worker/patient-pool';

/**
 * A server that speaks just enough of PostgreSQL's protocol to accept a connection and, in the
 * same packet, end it the way a shutting-down PostgreSQL does: ready-for-query, then
 * FATAL 57P01. That packet is the one a restart can produce, and it is hard to get on cue
 * from a real server.
 */
function dyingPostgres(): Promise<{ url: string; close(): Promise<void> }> {
  const message = (type: string, body: Buffer): Buffer => {
    const header = Buffer.alloc(5);
    header.write(type, 0, 'latin1');
    header.writeInt32BE(body.length + 4, 1);
    return Buffer.concat([header, body]);
  };
  const field = (code: string, value: string): Buffer => Buffer.from(`${code}${value}\0`, 'utf8');
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('data', () => {
      const authenticationOk = message('R', Buffer.from([0, 0, 0, 0]));
      const readyForQuery = message('Z', Buffer.from('I'));
      const fatal = message('E', Buffer.concat([field('S', 'FATAL'), field('V', 'FATAL'), field('C', '57P01'), field('M', 'terminating connection due to administrator command'), Buffer.from([0])]));
      socket.end(Buffer.concat([authenticationOk, readyForQuery, fatal]));
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      resolve({
        url: `postgres://postgres@127.0.0.1:${port}/velocity`,
        close: () =>
          new Promise((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

describe('a connection PostgreSQL ends as it opens it', () => {
  let postgres: Awaited<ReturnType<typeof dyingPostgres>>;
  beforeAll(async () => {
    postgres = await dyingPostgres();
  });
  afterAll(async () => {
    await postgres.close();
  });

  it('fails the caller with an error instead of ending the process when the data source connects', async () => {
    const dataSource = createDataSource({ url: postgres.url, poolSize: 1 });
    // Without a listener of its own on each new client, pg's 'error' event is thrown out of the
    // socket's data handler: an uncaught exception, which fails this test (and ends a server).
    await expect(dataSource.initialize()).rejects.toThrow(/not queryable|terminating connection|Connection terminated/);
  });

  it('gives the worker pool a coded error when its new connection is already lost', async () => {
    const pool = new PatientPool({ connectionString: postgres.url, max: 1 }, 0, () => undefined);
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    const client = await pool.connect();
    try {
      // The code lets graphile-worker's retries (see retryGraphileWhileUnavailable) wait it out.
      await expect(client.query('SELECT 1')).rejects.toMatchObject({ code: expect.stringMatching(/^(08006|57P01)$/) });
    } finally {
      client.release(true);
      await pool.end();
    }
  });
});
