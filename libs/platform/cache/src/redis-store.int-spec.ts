import { infraFromEnv, uniquePrefix } from '@pharma-radar/testing';
import { RedisStore } from './redis-store';

describe('RedisStore (real Redis)', () => {
  let store: RedisStore;
  beforeAll(() => {
    store = new RedisStore(infraFromEnv().redisUrl, uniquePrefix('cache-int') + ':');
  });
  afterAll(() => store.close());

  it('should grant an atomic claim to exactly one of many concurrent callers', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.setIfAbsent('claim', String(i), 30)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('should trim recent lists and round-trip hashes when used like the dashboard does', async () => {
    for (const v of ['a', 'b', 'c', 'd']) await store.pushRecent('recent', v, 3);
    expect(await store.recent('recent', 10)).toEqual(['d', 'c', 'b']);
    await store.hset('h', 'feed-1', '{"ok":true}');
    expect(await store.hgetall('h')).toEqual({ 'feed-1': '{"ok":true}' });
    expect(await store.ping()).toBe(true);
  });

  it('should read many keys under the prefix in the order asked and write a batch with its ttl', async () => {
    await store.setMany([{ key: 'm:a', value: '1' }, { key: 'm:b', value: '2' }], 30);
    expect(await store.getMany(['m:b', 'm:missing', 'm:a'])).toEqual(['2', null, '1']);
    expect(await store.getMany([])).toEqual([]);
    expect(await store.get('m:a')).toBe('1');
  });
});

describe('RedisStore.incr (real Redis)', () => {
  it('should count atomically when many callers increment at once', async () => {
    const store = new RedisStore(infraFromEnv().redisUrl, uniquePrefix('cache-incr') + ':');
    const values = await Promise.all(Array.from({ length: 10 }, () => store.incr('n', 30)));
    expect([...values].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    await store.close();
  });
});
