import { MemoryStore } from './memory-store';

describe('MemoryStore', () => {
  it('should grant a claim once and again only after its ttl expires', async () => {
    let now = 1_000;
    const s = new MemoryStore(() => now);
    expect(await s.setIfAbsent('k', '1', 10)).toBe(true);
    expect(await s.setIfAbsent('k', '2', 10)).toBe(false);
    now += 10_001;
    expect(await s.setIfAbsent('k', '3', 10)).toBe(true);
    expect(await s.get('k')).toBe('3');
  });

  it('should keep the newest entries first and trim when pushing past max length', async () => {
    const s = new MemoryStore();
    for (const v of ['a', 'b', 'c']) await s.pushRecent('l', v, 2);
    expect(await s.recent('l', 10)).toEqual(['c', 'b']);
  });

  it('should answer many keys in the order asked and expire a batch of sets together', async () => {
    let now = 0;
    const s = new MemoryStore(() => now);
    await s.setMany([{ key: 'a', value: '1' }, { key: 'b', value: '2' }], 5);
    expect(await s.getMany(['b', 'x', 'a'])).toEqual(['2', null, '1']);
    expect(await s.getMany([])).toEqual([]);
    now = 5_001;
    expect(await s.getMany(['a', 'b'])).toEqual([null, null]);
  });
});

describe('MemoryStore.incr', () => {
  it('should count up from one and keep the first ttl when incremented repeatedly', async () => {
    let now = 0;
    const s = new MemoryStore(() => now);
    expect(await s.incr('n', 5)).toBe(1);
    now = 4_000;
    expect(await s.incr('n', 5)).toBe(2);
    now = 5_001;
    expect(await s.incr('n', 5)).toBe(1);
  });
});

describe('MemoryStore.incr under concurrent calls', () => {
  it('should give every concurrent caller its own number, as Redis INCR does', async () => {
    const store = new MemoryStore();
    const got = await Promise.all(Array.from({ length: 20 }, () => store.incr('seq', 60)));
    expect(new Set(got).size).toBe(20);
    expect(Math.max(...got)).toBe(20);
  });
});
