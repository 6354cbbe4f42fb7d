/** The Redis of the environment, or a reason why the Redis-only tests are skipped. */
export function redisUrlOrReason(): { url: string } | { reason: string } {
  const url = process.env['REDIS_URL'];
  return url ? { url } : { reason: 'REDIS_URL is not set: this test needs a Redis server' };
}
