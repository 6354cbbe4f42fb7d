"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MutationRateLimiter = void 0;
const domain_error_1 = require("../errors/domain-error");
/**
 * A token bucket per API key for mutations, in this process: a runaway script gets a
 * clear RATE_LIMITED error (with how long to wait) instead of starving everyone else.
 */
class MutationRateLimiter {
    options;
    buckets = new Map();
    constructor(options) {
        this.options = options;
    }
    /** Takes one token for `keyId`, or throws RATE_LIMITED. */
    consume(keyId, now = Date.now()) {
        const bucket = this.buckets.get(keyId) ?? { tokens: this.options.burst, updatedAt: now };
        bucket.tokens = Math.min(this.options.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.options.perSecond);
        bucket.updatedAt = now;
        if (bucket.tokens < 1) {
            this.buckets.set(keyId, bucket);
            const retryAfterMs = Math.ceil(((1 - bucket.tokens) / this.options.perSecond) * 1000);
            throw new domain_error_1.DomainError('RATE_LIMITED', `too many mutations with this API key: at most ${this.options.perSecond} per second (bursts of ${this.options.burst}); retry in ${retryAfterMs} ms`, {
                extensions: { retryAfterMs },
            });
        }
        bucket.tokens -= 1;
        if (this.buckets.size > 100_000)
            this.buckets.clear();
        this.buckets.set(keyId, bucket);
    }
}
exports.MutationRateLimiter = MutationRateLimiter;
//# sourceMappingURL=mutation-rate-limiter.js.map