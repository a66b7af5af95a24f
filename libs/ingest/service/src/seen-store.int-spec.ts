import Redis from 'ioredis';
import { infraFromEnv, uniquePrefix } from '@pharma-radar/testing';
import { RedisSeenStore } from './seen-store';

describe('RedisSeenStore (real Redis)', () => {
  const DAY = 86_400_000;
  let redis: Redis;
  let raw: Redis;
  let prefix: string;

  beforeEach(() => {
    prefix = `${uniquePrefix('ingest-seen')}:`;
    redis = new Redis(infraFromEnv().redisUrl, { keyPrefix: prefix });
    raw = new Redis(infraFromEnv().redisUrl);
  });

  afterEach(async () => {
    const keys = await raw.keys(`${prefix}*`);
    if (keys.length) await raw.del(...keys);
    redis.disconnect();
    raw.disconnect();
  });

  it('should answer exactly which keys were remembered, across many buckets and a few thousand items', async () => {
    const store = new RedisSeenStore(redis, 30 * 86_400, 16);
    const remembered = Array.from({ length: 3_000 }, (_, i) => `item-${i}`);
    await store.remember(remembered);
    const asked = [...remembered.filter((_k, i) => i % 7 === 0), ...Array.from({ length: 500 }, (_, i) => `other-${i}`)];
    const seen = await store.seenAmong(asked);
    expect([...seen].sort()).toEqual(remembered.filter((_k, i) => i % 7 === 0).sort());
    expect(await store.seenAmong([])).toEqual(new Set());
  });

  it('should keep each bucket a compact listpack hash that expires whole, ttl after its day ends', async () => {
    const now = Date.now();
    const store = new RedisSeenStore(redis, 3 * 86_400, 4, () => now);
    await store.remember(['a', 'b', 'c', 'd', 'e', 'f']);
    const keys = await raw.keys(`${prefix}seen-h:*`);
    expect(keys.length).toBeGreaterThan(0);
    const endOfDay = (Math.floor(now / DAY) + 1) * DAY;
    for (const k of keys) {
      expect(await raw.object('ENCODING', k)).toBe('listpack');
      const ttl = await raw.pttl(k);
      expect(now + ttl).toBeGreaterThan(endOfDay + 3 * DAY - 60_000);
      expect(now + ttl).toBeLessThanOrEqual(endOfDay + 3 * DAY + 60_000);
    }
  });

  it('should still see an item on the last day of its ttl and not after, when the clock moves on', async () => {
    let now = Date.now();
    const store = new RedisSeenStore(redis, 3 * 86_400, 4, () => now);
    await store.remember(['old']);
    now += 3 * DAY;
    expect(await store.seenAmong(['old'])).toEqual(new Set(['old']));
    now += 2 * DAY;
    expect(await store.seenAmong(['old'])).toEqual(new Set());
  });

  it('should count a legacy seen:<key> string written before the compact store as seen', async () => {
    await redis.set('seen:legacy-item', '2026-03-01T00:00:00Z', 'EX', 60);
    const store = new RedisSeenStore(redis, 86_400, 4);
    expect(await store.seenAmong(['legacy-item', 'new-item'])).toEqual(new Set(['legacy-item']));
  });
});
