import { Redis } from 'ioredis';
import type { Config } from '../config';
import type { Logger } from '../logging/logger';
import type { Pingable } from '../server/readiness';

/**
 * A Redis connection that never blocks the API: commands fail fast while Redis is down
 * (the callers fall back to PostgreSQL) and it reconnects by itself when Redis returns.
 */
export function connectRedis(url: string, logger: Logger, role: string): Redis {
  const redis = new Redis(url, {
    connectionName: `velocity-${role}`,
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  let reported = false;
  redis.on('error', (error: Error) => {
    if (!reported) logger.warn({ err: { message: error.message } }, 'redis unavailable; continuing without it until it returns');
    reported = true;
  });
  redis.on('ready', () => {
    if (reported) logger.info('redis available again');
    reported = false;
  });
  return redis;
}

export function redisReadiness(redis: Redis): Pingable {
  return {
    name: 'redis',
    async ping() {
      await redis.ping();
    },
  };
}

export function redisUrlOf(config: Config): string | undefined {
  return config.redisUrl;
}
