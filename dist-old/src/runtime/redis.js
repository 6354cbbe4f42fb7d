"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.connectRedis = connectRedis;
exports.redisReadiness = redisReadiness;
exports.redisUrlOf = redisUrlOf;
const ioredis_1 = require("ioredis");
/**
 * A Redis connection that never blocks the API: commands fail fast while Redis is down
 * (the callers fall back to PostgreSQL) and it reconnects by itself when Redis returns.
 */
function connectRedis(url, logger, role) {
    const redis = new ioredis_1.Redis(url, {
        connectionName: `velocity-${role}`,
        lazyConnect: false,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: 2_000,
        retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    let reported = false;
    redis.on('error', (error) => {
        if (!reported)
            logger.warn({ err: { message: error.message } }, 'redis unavailable; continuing without it until it returns');
        reported = true;
    });
    redis.on('ready', () => {
        if (reported)
            logger.info('redis available again');
        reported = false;
    });
    return redis;
}
function redisReadiness(redis) {
    return {
        name: 'redis',
        async ping() {
            await redis.ping();
        },
    };
}
function redisUrlOf(config) {
    return config.redisUrl;
}
//# sourceMappingURL=redis.js.map