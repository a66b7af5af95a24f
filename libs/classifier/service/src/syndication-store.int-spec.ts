import { RedisStore } from '@pharma-radar/platform-cache';
import { infraFromEnv, uniquePrefix } from '@pharma-radar/testing';
import { SyndicationStore } from './syndication-store';

const release = (a: string, b: string) =>
  `${a} and ${b} today announced a three-year research collaboration on gene therapies for inherited retinal disease. ${b} will run the preclinical work and ${a} will fund it. Financial terms were not disclosed.`;
const copy = (id: string, a = 'Halvard Genetics', b = 'Ostrava Eye Institute') => ({
  id, title: `${a} and ${b} partner on retinal gene therapy`, text: release(a, b), parties: [a, b], published: '2026-06-01T07:00:00Z', eventType: 'research_collaboration',
});

describe('SyndicationStore (real Redis)', () => {
  const stores: RedisStore[] = [];
  const redis = (prefix: string) => {
    const s = new RedisStore(infraFromEnv().redisUrl, prefix);
    stores.push(s);
    return s;
  };
  afterAll(() => Promise.all(stores.map((s) => s.close())));

  it('should put copies added concurrently by two replicas in one cluster and keep a different deal apart', async () => {
    const prefix = `${uniquePrefix('syndication-int')}:`;
    // Two replicas: two store clients (two connections) over one Redis.
    const replicas = [new SyndicationStore(redis(prefix)), new SyndicationStore(redis(prefix))];
    const ids = Array.from({ length: 8 }, (_, i) => `copy-${i}`);
    const results = await Promise.all(ids.map((id, i) => replicas[i % 2].add(copy(id))));
    expect(new Set(results.map((r) => r.clusterId)).size).toBe(1);
    expect(results.filter((r) => r.isNew)).toHaveLength(1);

    const other = await replicas[1].add(copy('other-deal', 'Brennock Therapeutics', 'Ostrava Eye Institute'));
    expect(other.isNew).toBe(true);
  });

  it('should put concurrent copies in one cluster round after round when the adds start at jittered times', async () => {
    for (let round = 0; round < 15; round++) {
      const prefix = `${uniquePrefix(`syndication-stress-${round}`)}:`;
      const replicas = [new SyndicationStore(redis(prefix)), new SyndicationStore(redis(prefix))];
      const n = 3 + (round % 6);
      const results = await Promise.all(Array.from({ length: n }, async (_, i) => {
        await new Promise((r) => setTimeout(r, Math.random() * 6));
        return replicas[i % 2].add(copy(`copy-${i}`));
      }));
      expect(new Set(results.map((r) => r.clusterId)).size).toBe(1);
      expect(results.filter((r) => r.isNew)).toHaveLength(1);
    }
  });

  it('should forget entries once their ttl has passed', async () => {
    const prefix = `${uniquePrefix('syndication-ttl')}:`;
    const store = redis(prefix);
    const syn = new SyndicationStore(store, { ttlSeconds: 1 });
    await syn.add(copy('first'));
    expect(await store.get('syn:v2:e:first')).not.toBeNull();
    await new Promise((r) => setTimeout(r, 1_200));
    expect(await store.get('syn:v2:e:first')).toBeNull();
    expect(await syn.add(copy('later'))).toEqual({ clusterId: 'later', isNew: true });
  });
});
