import { MemoryCompactedLog } from './compacted-log';

describe('MemoryCompactedLog', () => {
  it('should hand a reader every stored record, then the ones appended later by any handle on the store', async () => {
    const a = new MemoryCompactedLog();
    await a.append('k1', 'v1');
    const seen: Array<[string, string | null, number]> = [];
    const b = new MemoryCompactedLog(a.store);
    await b.start((key, value, p) => seen.push([key, value, p.offset]));
    await a.append('k2', 'v2');
    await a.append('k1', null);
    expect(seen).toEqual([['k1', 'v1', 0], ['k2', 'v2', 1], ['k1', null, 2]]);
  });

  it('should detach only its own reader when one handle stops', async () => {
    const a = new MemoryCompactedLog();
    const b = new MemoryCompactedLog(a.store);
    const seenA: string[] = [];
    const seenB: string[] = [];
    await a.start((k) => seenA.push(k));
    await b.start((k) => seenB.push(k));
    await b.stop();
    await a.append('k', 'v');
    expect(seenA).toEqual(['k']);
    expect(seenB).toEqual([]);
  });

  it('should compact to the last value per key and drop tombstoned keys', async () => {
    const log = new MemoryCompactedLog();
    await log.append('a', '1');
    await log.append('b', '1');
    await log.append('a', '2');
    await log.append('b', null);
    expect([...log.compacted()]).toEqual([['a', '2']]);
  });
});
