import { mapPool } from './pool';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('mapPool', () => {
  it('should run at most limit items at once and start the next as one finishes', async () => {
    const gates = [0, 1, 2, 3, 4].map(() => deferred());
    const started: number[] = [];
    const done = mapPool([0, 1, 2, 3, 4], 2, async (i) => {
      started.push(i);
      await gates[i].promise;
    });
    await settle();
    expect(started).toEqual([0, 1]);
    gates[1].resolve();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.resolve();
    await done;
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it('should start nothing new after a failure, let running items finish, then throw the first failure', async () => {
    const slow = deferred();
    const started: number[] = [];
    let slowFinished = false;
    const done = mapPool([0, 1, 2, 3], 2, async (i) => {
      started.push(i);
      if (i === 0) {
        await slow.promise;
        slowFinished = true;
      }
      if (i === 1) throw new Error('publish failed');
    });
    let settled = false;
    void done.catch(() => (settled = true));
    await settle();
    expect(settled).toBe(false);
    slow.resolve();
    await expect(done).rejects.toThrow('publish failed');
    expect(slowFinished).toBe(true);
    expect(started).toEqual([0, 1]);
  });

  it('should resolve at once when there is nothing to do', async () => {
    await expect(mapPool([], 4, async () => Promise.reject(new Error('never')))).resolves.toBeUndefined();
  });
});
