import { MemoryStore } from '@pharma-radar/platform-cache';
import { SyndicationStore } from './syndication-store';

const release = (a: string, b: string) =>
  `${a} and ${b} today announced a multi-year research collaboration to discover antibodies against solid tumours. ${a} will fund research at ${b} and hold an option on resulting programs. Financial terms were not disclosed.`;
const doc = (id: string, a = 'Tessaly Bio', b = 'Marrow Institute', over: Partial<{ published: string; title: string }> = {}) => ({
  id, title: `${a} and ${b} sign antibody research pact`, text: release(a, b), parties: [a, b], published: '2026-05-04T08:00:00Z', eventType: 'research_collaboration', ...over,
});

describe('SyndicationStore', () => {
  it('should join a copy to the original and keep a different deal apart when they share the wording', async () => {
    const syn = new SyndicationStore(new MemoryStore());
    expect(await syn.add(doc('a'))).toEqual({ clusterId: 'a', isNew: true });
    expect(await syn.add(doc('b', undefined, undefined, { title: 'Tessaly, Marrow in antibody deal' }))).toMatchObject({ clusterId: 'a', isNew: false, matchedId: 'a' });
    expect(await syn.add(doc('c', 'Vantor Therapeutics', 'Marrow Institute'))).toEqual({ clusterId: 'c', isNew: true });
  });

  it('should answer a redelivered article with its first cluster', async () => {
    const syn = new SyndicationStore(new MemoryStore());
    await syn.add(doc('a'));
    await syn.add(doc('b'));
    expect((await syn.add(doc('b'))).clusterId).toBe('a');
  });

  it('should converge on one cluster when a second replica adds a copy while the first is deciding', async () => {
    const store = new MemoryStore();
    const [r1, r2] = [new SyndicationStore(store), new SyndicationStore(store)];
    const results = await Promise.all([r1.add(doc('w1')), r2.add(doc('w2', undefined, undefined, { title: 'Tessaly and Marrow team up' }))]);
    expect(results[0].clusterId).toBe(results[1].clusterId);
    expect(results.filter((r) => r.isNew)).toHaveLength(1);
  });

  it('should forget entries after their ttl', async () => {
    let now = Date.parse('2026-05-04T08:00:00Z');
    const syn = new SyndicationStore(new MemoryStore(() => now), { ttlSeconds: 60 });
    await syn.add(doc('a'));
    now += 61_000;
    expect(await syn.add(doc('b'))).toEqual({ clusterId: 'b', isNew: true });
  });

  it('should ignore corrupt entries in the store when looking for candidates', async () => {
    const store = new MemoryStore();
    const syn = new SyndicationStore(store);
    await syn.add(doc('a'));
    await store.set('syn:v2:e:a', '{not json', 60);
    expect((await syn.add(doc('b'))).isNew).toBe(true);
  });
});
