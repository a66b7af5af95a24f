import { expectEventually } from './expect-eventually';

describe('expectEventually', () => {
  it('should resolve when the assertion passes after failing a few times', async () => {
    let attempts = 0;
    await expectEventually(
      () => {
        attempts += 1;
        expect(attempts).toBeGreaterThanOrEqual(3);
      },
      { timeoutMs: 1000, intervalMs: 5 },
    );
    expect(attempts).toBe(3);
  });

  it('should resolve when an async assertion eventually resolves', async () => {
    const readyAt = Date.now() + 50;
    await expectEventually(async () => {
      await Promise.resolve();
      if (Date.now() < readyAt) throw new Error('not yet');
    });
    expect(Date.now()).toBeGreaterThanOrEqual(readyAt);
  });

  it('should rethrow the last failure when the deadline passes', async () => {
    let attempts = 0;
    const started = Date.now();
    const outcome = expectEventually(
      () => {
        attempts += 1;
        throw new Error(`attempt ${attempts} failed`);
      },
      { timeoutMs: 100, intervalMs: 10 },
    );
    const error = await outcome.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(`attempt ${attempts} failed`);
    expect(attempts).toBeGreaterThan(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('should reject at the deadline when an attempt never settles', async () => {
    const started = Date.now();
    await expect(expectEventually(() => new Promise<void>(() => undefined), { timeoutMs: 80 })).rejects.toThrow(
      /still pending when the 80 ms deadline passed/,
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
