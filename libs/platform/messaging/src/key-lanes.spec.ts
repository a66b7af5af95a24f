import { runInKeyLanes } from './key-lanes';

interface Rec {
  offset: number;
  key: string | null;
}

const recs = (keys: (string | null)[]): Rec[] => keys.map((key, offset) => ({ offset, key }));
const tick = () => new Promise((r) => setImmediate(r));

/** Handles each record after `delay(record)` event-loop turns and logs starts, ends and commit points. */
async function run(records: Rec[], concurrency: number, delay: (r: Rec) => number, extra: { fail?: number; stopAfter?: number } = {}) {
  const log: string[] = [];
  const settled: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let started = 0;
  const result = runInKeyLanes(records, {
    concurrency,
    keyOf: (r) => r.key,
    handle: async (r) => {
      started++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      log.push(`start ${r.offset}`);
      for (let i = 0; i < delay(r); i++) await tick();
      inFlight--;
      if (r.offset === extra.fail) throw new Error(`failed ${r.offset}`);
      log.push(`end ${r.offset}`);
    },
    settled: (r) => settled.push(r.offset),
    stopped: () => extra.stopAfter !== undefined && started >= extra.stopAfter,
  }).then(() => null, (e: Error) => e.message);
  return { error: await result, log, settled, maxInFlight };
}

describe('runInKeyLanes', () => {
  it('should keep the records of one key in order while other keys run beside them', async () => {
    const records = recs(['a', 'b', 'a', 'c', 'b', 'a']);
    // The first 'a' is slow: 'b' and 'c' overtake it, the later 'a's wait for it.
    const { log, maxInFlight } = await run(records, 4, (r) => (r.offset === 0 ? 20 : 1));
    const ends = log.filter((l) => l.startsWith('end')).map((l) => Number(l.split(' ')[1]));
    const aEnds = ends.filter((o) => records[o].key === 'a');
    expect(aEnds).toEqual([0, 2, 5]);
    expect(ends.indexOf(1)).toBeLessThan(ends.indexOf(0));
    expect(maxInFlight).toBeGreaterThan(1);
  });

  it('should move the commit point only over a prefix of handled records, in batch order', async () => {
    const records = recs(['a', 'b', 'c', 'd']);
    const { settled } = await run(records, 4, (r) => [8, 1, 4, 2][r.offset]);
    expect(settled).toEqual([0, 1, 2, 3]);
  });

  it('should handle one record at a time, in batch order, with a concurrency of 1', async () => {
    const { log, maxInFlight } = await run(recs(['a', 'b', 'c']), 1, (r) => 3 - r.offset);
    expect(maxInFlight).toBe(1);
    expect(log).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('should put records without a key in one ordered lane', async () => {
    const records = recs([null, 'x', null, null]);
    const { log } = await run(records, 4, (r) => (r.offset === 0 ? 10 : 1));
    const nullEnds = log.filter((l) => l.startsWith('end')).map((l) => Number(l.split(' ')[1])).filter((o) => records[o].key === null);
    expect(nullEnds).toEqual([0, 2, 3]);
  });

  it('should stop starting records after a handler fails, finish those in hand, commit only the handled prefix and throw', async () => {
    const records = recs(['a', 'b', 'c', 'd', 'e']);
    const { error, settled, log } = await run(records, 2, (r) => (r.offset === 1 ? 2 : 5), { fail: 1 });
    expect(error).toBe('failed 1');
    expect(settled).toEqual([0]);
    expect(log).toContain('end 0');
    expect(log).not.toContain('start 4');
  });

  it('should start nothing more once stopped (a rebalance), and settle what was handled', async () => {
    const { log, settled, error } = await run(recs(['a', 'b', 'c', 'd']), 1, () => 1, { stopAfter: 2 });
    expect(error).toBeNull();
    expect(log.filter((l) => l.startsWith('start'))).toHaveLength(2);
    expect(settled).toEqual([0, 1]);
  });
});
