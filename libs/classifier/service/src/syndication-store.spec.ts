import { KeyValueStore, MemoryStore } from '@pharma-radar/platform-cache';
import { SyndicationStore } from './syndication-store';

const release = (a: string, b: string) =>
  `${a} and ${b} today announced a multi-year research collaboration to discover antibodies against solid tumours. ${a} will fund research at ${b} and hold an option on resulting programs. Financial terms were not disclosed.`;
const doc = (id: string, a = 'Tessaly Bio', b = 'Marrow Institute', over: Partial<{ published: string; title: string }> = {}) => ({
  id, title: `${a} and ${b} sign antibody research pact`, text: release(a, b), parties: [a, b], published: '2026-05-04T08:00:00Z', eventType: 'research_collaboration', ...over,
});

/** Every store call is delayed by up to `ms` on the way in and out, as over a busy network. */
function jittered(store: KeyValueStore, ms: number): KeyValueStore {
  const pause = () => new Promise((r) => setTimeout(r, Math.random() * ms));
  return new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      return async (...args: unknown[]) => {
        await pause();
        const out = (await (v as (...a: unknown[]) => unknown).apply(target, args)) as unknown;
        await pause();
        return out;
      };
    },
  });
}

/** A gate that holds store calls until opened. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

/** `store`, except that calls `hold` picks (by method and key) wait for its gate. */
function holding(store: KeyValueStore, hold: (method: string, key: string) => Promise<void> | undefined): KeyValueStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      return async (...args: unknown[]) => {
        const first = args[0] as string | readonly { key: string }[];
        await hold(String(prop), typeof first === 'string' ? first : (first?.[0]?.key ?? ''));
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

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

  it('should converge on one cluster when an add that started first writes its entry last', async () => {
    const store = new MemoryStore();
    const writeX = gate();
    const writeY = gate();
    const claimY = gate();
    const settle = () => new Promise((r) => setTimeout(r, 20));
    // x starts first, then y; both are held while writing their entries.
    const x = new SyndicationStore(holding(store, (m, k) => (m === 'setMany' && k.endsWith(':e:x') ? writeX.opened : undefined))).add(doc('x'));
    await settle();
    const y = new SyndicationStore(holding(store, (m, k) => (m === 'setMany' && k.endsWith(':e:y') ? writeY.opened : m === 'setIfAbsent' && k.endsWith(':c:y') ? claimY.opened : undefined))).add(doc('y'));
    await settle();
    // z is added start to finish while x and y are still writing.
    const z = await new SyndicationStore(store).add(doc('z'));
    writeY.open();
    await settle();
    // y has looked and is about to record its cluster when x's entry lands and x looks.
    writeX.open();
    await settle();
    claimY.open();
    const results = [await x, await y, z];
    expect(new Set(results.map((r) => r.clusterId)).size).toBe(1);
    expect(results.filter((r) => r.isNew)).toHaveLength(1);
  });

  it('should converge on one cluster when several replicas add copies at once over a store with jittery latency', async () => {
    for (let round = 0; round < 25; round++) {
      const store = new MemoryStore();
      const n = 2 + (round % 5);
      const results = await Promise.all(Array.from({ length: n }, (_, i) => {
        const title = i % 2 ? 'Tessaly and Marrow team up on antibodies' : undefined;
        return new SyndicationStore(jittered(store, 4)).add(doc(`r${round}-${i}`, undefined, undefined, title ? { title } : {}));
      }));
      expect(new Set(results.map((r) => r.clusterId)).size).toBe(1);
      expect(results.filter((r) => r.isNew)).toHaveLength(1);
    }
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

  it('should write each entry once and keep its order in a key of its own', async () => {
    const store = new MemoryStore();
    const writes: string[] = [];
    const counting = holding(store, async (method, key) => void (method.startsWith('set') && writes.push(key)));
    await new SyndicationStore(counting).add(doc('a'));
    expect(writes.filter((k) => k === 'syn:v2:e:a')).toHaveLength(1);
    expect(await store.get('syn:v2:s:a')).toMatch(/^\d+$/);
  });

  it('should still order entries written before the order had its own key', async () => {
    const store = new MemoryStore();
    const syn = new SyndicationStore(store);
    await syn.add(doc('a'));
    // As the previous version stored it: the order inside the entry, no order key.
    const legacy = { ...JSON.parse((await store.get('syn:v2:e:a'))!), seq: Number(await store.get('syn:v2:s:a')) };
    await store.set('syn:v2:e:a', JSON.stringify(legacy), 60);
    await store.del('syn:v2:s:a');
    expect(await syn.add(doc('b'))).toMatchObject({ clusterId: 'a', isNew: false, matchedId: 'a' });
  });
});
