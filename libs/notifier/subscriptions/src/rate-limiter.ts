/**
 * Token bucket per key (subscriber × channel): `capacity` sends in a burst, refilled at
 * `refillPerSecond`. Pure: the clock is injected, so tests and replays are deterministic.
 */
export interface RateLimiterOptions {
  capacity: number;
  refillPerSecond: number;
  /** Milliseconds since an arbitrary epoch; must not go backwards by much (a backwards step refills nothing). */
  now: () => number;
  /** Buckets kept at most; the least recently used full-or-not bucket is forgotten first. */
  maxKeys?: number;
}

export type RateDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterMs: number };

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxKeys: number;

  constructor(private readonly options: RateLimiterOptions) {
    if (!(options.capacity >= 1) || !(options.refillPerSecond > 0)) throw new RangeError('capacity must be ≥ 1 and refillPerSecond > 0');
    this.maxKeys = options.maxKeys ?? 100_000;
  }

  /** Takes `cost` tokens for `key` if available; otherwise says how long until they will be. */
  tryTake(key: string, cost = 1): RateDecision {
    const now = this.options.now();
    const bucket = this.refilled(key, now);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return { allowed: true, remaining: Math.floor(bucket.tokens) };
    }
    if (cost > this.options.capacity) return { allowed: false, retryAfterMs: Number.POSITIVE_INFINITY };
    const missing = cost - bucket.tokens;
    return { allowed: false, retryAfterMs: Math.ceil((missing / this.options.refillPerSecond) * 1000) };
  }

  private refilled(key: string, now: number): Bucket {
    let bucket = this.buckets.get(key);
    if (bucket) {
      this.buckets.delete(key); // re-insert below: Map order doubles as LRU order
      const elapsed = Math.max(0, now - bucket.at);
      bucket.tokens = Math.min(this.options.capacity, bucket.tokens + (elapsed / 1000) * this.options.refillPerSecond);
      bucket.at = Math.max(bucket.at, now);
    } else {
      bucket = { tokens: this.options.capacity, at: now };
      if (this.buckets.size >= this.maxKeys) {
        const oldest = this.buckets.keys().next().value;
        if (oldest !== undefined) this.buckets.delete(oldest);
      }
    }
    this.buckets.set(key, bucket);
    return bucket;
  }
}
