import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import type { KeyValueStore } from '@pharma-radar/platform-cache';

/** Which item keys were already published. At-least-once: keys are remembered only after their item went out. */
export interface SeenStore {
  /** The subset of `keys` remembered (within the dedup ttl). */
  seenAmong(keys: readonly string[]): Promise<Set<string>>;
  remember(keys: readonly string[]): Promise<void>;
}

/** One `seen:<key>` string per item (about 100 bytes each in Redis): the embedded store and tests without Redis. */
export class KeyValueSeenStore implements SeenStore {
  constructor(
    private readonly store: KeyValueStore,
    private readonly ttlSeconds: number,
  ) {}

  async seenAmong(keys: readonly string[]): Promise<Set<string>> {
    if (!keys.length) return new Set();
    const values = await this.store.getMany(keys.map((k) => `seen:${k}`));
    return new Set(keys.filter((_k, i) => values[i] !== null));
  }

  async remember(keys: readonly string[]): Promise<void> {
    const now = new Date().toISOString();
    await this.store.setMany(keys.map((k) => ({ key: `seen:${k}`, value: now })), this.ttlSeconds);
  }
}

const DAY_S = 86_400;

// Per item: a legacy `seen:<key>` string (written before the compact store; they expire within the dedup ttl), then
// the item's field in each day bucket still alive. One round trip per poll, however many items and days.
const SEEN_AMONG = `
local per = tonumber(ARGV[1])
local out = {}
for i = 2, #ARGV do
  local base = (i - 2) * per
  local hit = redis.call('EXISTS', KEYS[base + 1])
  local j = 2
  while hit == 0 and j <= per do
    hit = redis.call('HEXISTS', KEYS[base + j], ARGV[i])
    j = j + 1
  end
  out[i - 1] = hit
end
return out`;

type SeenRedis = Redis & { ingestSeenAmong(numKeys: number, ...args: Array<string | Buffer | number>): Promise<number[]> };

/**
 * The "seen" memory at about 13-16 bytes per item instead of about 100: an item is an 8-byte hash (64 bits of a
 * SHA-256 of its key) stored as a field of a small hash `seen-h:<day>:<bucket>`, so each Redis key holds dozens of
 * items in the compact listpack encoding and expires as a whole (EXPIREAT end of its day + ttl). The bucket is another
 * part of the same hash.
 *
 * Trade-offs: an item is remembered for ttl to ttl + 1 day (the whole day's bucket expires at once); two different
 * items are confused only when 64 bits of their hashes collide within one bucket and day (about 1e-17 per lookup at
 * 1,000 items per bucket), which would drop the second as a duplicate. A bucket stays compact while it holds at most
 * Redis's `hash-max-listpack-entries` fields (128 by default): size `buckets` to about a day's new items / 64.
 * A lookup checks every live day of the item's bucket, server-side in one script call.
 */
export class RedisSeenStore implements SeenStore {
  private readonly redis: SeenRedis;
  private readonly days: number;

  constructor(
    redis: Redis,
    private readonly ttlSeconds: number,
    private readonly buckets: number,
    private readonly nowMs: () => number = Date.now,
  ) {
    redis.defineCommand('ingestSeenAmong', { lua: SEEN_AMONG });
    this.redis = redis as SeenRedis;
    this.days = Math.ceil(ttlSeconds / DAY_S) + 1;
  }

  private slot(key: string): { bucket: number; field: Buffer } {
    const h = createHash('sha256').update(key).digest();
    return { bucket: h.readUInt32BE(0) % this.buckets, field: h.subarray(4, 12) };
  }

  async seenAmong(keys: readonly string[]): Promise<Set<string>> {
    if (!keys.length) return new Set();
    const today = Math.floor(this.nowMs() / 1000 / DAY_S);
    const redisKeys: string[] = [];
    const fields: Buffer[] = [];
    for (const k of keys) {
      const { bucket, field } = this.slot(k);
      redisKeys.push(`seen:${k}`);
      for (let d = 0; d < this.days; d++) redisKeys.push(`seen-h:${today - d}:${bucket}`);
      fields.push(field);
    }
    const hits = await this.redis.ingestSeenAmong(redisKeys.length, ...redisKeys, this.days + 1, ...fields);
    return new Set(keys.filter((_k, i) => hits[i] === 1));
  }

  async remember(keys: readonly string[]): Promise<void> {
    if (!keys.length) return;
    const today = Math.floor(this.nowMs() / 1000 / DAY_S);
    const expireAt = (today + 1) * DAY_S + this.ttlSeconds;
    const p = this.redis.pipeline();
    for (const k of keys) {
      const { bucket, field } = this.slot(k);
      const key = `seen-h:${today}:${bucket}`;
      p.hset(key, field, '');
      p.expireat(key, expireAt);
    }
    const failed = ((await p.exec()) ?? []).find(([err]) => err);
    if (failed) throw failed[0];
  }
}
