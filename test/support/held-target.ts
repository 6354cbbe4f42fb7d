import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';

export interface HeldTarget {
  server: Server;
  url: string;
  /** Its first request has arrived and is being held. */
  isHeld(): boolean;
  /** Drops the held request's connection: the check that sent it fails now, not before. */
  fail(): void;
  close(): Promise<void>;
}

/**
 * An HTTP target on a free port whose first request is held until `fail()` drops it, so a test
 * decides when a step probing it fails; every later request is answered "up".
 */
export async function heldTarget(): Promise<HeldTarget> {
  let held: Socket | undefined;
  const server = createServer((request, response) => {
    if (held === undefined) held = request.socket;
    else response.end('up');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`,
    isHeld: () => held !== undefined,
    fail: () => held!.destroy(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
