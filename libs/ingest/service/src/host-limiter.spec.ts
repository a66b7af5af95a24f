import { Clock, HostLimiter } from './host-limiter';

class FakeClock implements Clock {
  private t = 0;
  private sleepers: { at: number; resolve: () => void }[] = [];
  now(): number {
    return this.t;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      this.sleepers.push({ at: this.t + ms, resolve });
      signal?.addEventListener('abort', () => resolve(), { once: true });
    });
  }
  async advance(ms: number): Promise<void> {
    this.t += ms;
    const due = this.sleepers.filter((s) => s.at <= this.t);
    this.sleepers = this.sleepers.filter((s) => s.at > this.t);
    for (const s of due) s.resolve();
    await settle();
  }
}

// Lets every promise chain that can move, move.
const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('HostLimiter', () => {
  it('should keep at most perHost fetches in flight per host and space their starts by minIntervalMs', async () => {
    const clock = new FakeClock();
    const limiter = new HostLimiter({ perHost: 2, minIntervalMs: 100 }, clock);
    const started: string[] = [];
    const gates = new Map<string, ReturnType<typeof deferred>>();
    const job = (host: string, name: string) => {
      const d = deferred();
      gates.set(name, d);
      return limiter.run(host, async () => {
        started.push(name);
        await d.promise;
        return name;
      });
    };
    const runs = [job('a.example', 'a1'), job('a.example', 'a2'), job('a.example', 'a3'), job('b.example', 'b1')];
    await settle();
    expect(started).toEqual(['a1', 'b1']);
    await clock.advance(99);
    expect(started).toEqual(['a1', 'b1']);
    await clock.advance(1);
    expect(started).toEqual(['a1', 'b1', 'a2']);
    expect(limiter.active('a.example')).toBe(2);
    await clock.advance(500);
    expect(started).toEqual(['a1', 'b1', 'a2']);
    gates.get('a1')!.resolve();
    await settle();
    expect(started).toEqual(['a1', 'b1', 'a2', 'a3']);
    for (const g of gates.values()) g.resolve();
    await expect(Promise.all(runs)).resolves.toEqual([
      { ran: true, value: 'a1' },
      { ran: true, value: 'a2' },
      { ran: true, value: 'a3' },
      { ran: true, value: 'b1' },
    ]);
    expect(limiter.active('a.example')).toBe(0);
  });

  it('should never start work whose signal aborts while it waits, and free the slot for others', async () => {
    const clock = new FakeClock();
    const limiter = new HostLimiter({ perHost: 1, minIntervalMs: 0 }, clock);
    const hold = deferred();
    const first = limiter.run('a.example', () => hold.promise);
    const deadline = new AbortController();
    let ran = false;
    const late = limiter.run('a.example', async () => void (ran = true), deadline.signal);
    const next = limiter.run('a.example', async () => 'next');
    await settle();
    deadline.abort();
    await expect(late).resolves.toEqual({ ran: false });
    hold.resolve();
    await expect(first).resolves.toEqual({ ran: true, value: undefined });
    await expect(next).resolves.toEqual({ ran: true, value: 'next' });
    expect(ran).toBe(false);
  });

  it('should release the slot when the work throws', async () => {
    const limiter = new HostLimiter({ perHost: 1, minIntervalMs: 0 }, new FakeClock());
    await expect(limiter.run('a.example', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run('a.example', async () => 1)).resolves.toEqual({ ran: true, value: 1 });
  });

  it('should not wait on a sleeping interval once the signal aborts', async () => {
    const clock = new FakeClock();
    const limiter = new HostLimiter({ perHost: 2, minIntervalMs: 60_000 }, clock);
    await limiter.run('a.example', async () => 1);
    const deadline = new AbortController();
    const waiting = limiter.run('a.example', async () => 2, deadline.signal);
    await settle();
    deadline.abort();
    await expect(waiting).resolves.toEqual({ ran: false });
  });
});
