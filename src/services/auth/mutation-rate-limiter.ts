import { DomainError } from '../errors/domain-error';

export interface RateLimitOptions {
  /** Mutations a key may send per second, sustained. */
  perSecond: number;
  /** Mutations a key may send at once after being idle. */
  burst: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * A token bucket per API key for mutations, in this process: a runaway script gets a
 * clear RATE_LIMITED error (with how long to wait) instead of starving everyone else.
 */
export class MutationRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly options: RateLimitOptions) {}

  /** Takes one token for `keyId`, or throws RATE_LIMITED. */
  consume(keyId: string, now = Date.now()): void {
    const bucket = this.buckets.get(keyId) ?? { tokens: this.options.burst, updatedAt: now };
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.options.perSecond);
    bucket.updatedAt = now;
    if (bucket.tokens < 1) {
      this.buckets.set(keyId, bucket);
      const retryAfterMs = Math.ceil(((1 - bucket.tokens) / this.options.perSecond) * 1000);
      throw new DomainError('RATE_LIMITED', `too many mutations with this API key: at most ${this.options.perSecond} per second (bursts of ${this.options.burst}); retry in ${retryAfterMs} ms`, {
        extensions: { retryAfterMs },
      });
    }
    bucket.tokens -= 1;
    if (this.buckets.size > 100_000) this.buckets.clear();
    this.buckets.set(keyId, bucket);
  }
}
