import { RateLimiter } from './rate-limiter';

function limiter(capacity = 3, refillPerSecond = 1, maxKeys?: number) {
  const clock = { t: 1_000_000 };
  return { clock, rl: new RateLimiter({ capacity, refillPerSecond, now: () => clock.t, maxKeys }) };
}

describe('RateLimiter', () => {
  it('should allow a burst up to capacity when the bucket is full', () => {
    const { rl } = limiter();
    expect([1, 2, 3].map(() => rl.tryTake('s1:email').allowed)).toEqual([true, true, true]);
    expect(rl.tryTake('s1:email')).toEqual({ allowed: false, retryAfterMs: 1_000 });
  });

  it('should refill over time when the clock advances', () => {
    const { rl, clock } = limiter(3, 0.5);
    for (let i = 0; i < 3; i++) rl.tryTake('k');
    clock.t += 1_000;
    expect(rl.tryTake('k')).toEqual({ allowed: false, retryAfterMs: 1_000 });
    clock.t += 1_000;
    expect(rl.tryTake('k')).toEqual({ allowed: true, remaining: 0 });
  });

  it('should never exceed capacity when idle for a long time', () => {
    const { rl, clock } = limiter(2, 10);
    clock.t += 3_600_000;
    expect(rl.tryTake('k')).toEqual({ allowed: true, remaining: 1 });
  });

  it('should keep buckets separate when keys differ', () => {
    const { rl } = limiter(1);
    expect(rl.tryTake('a').allowed).toBe(true);
    expect(rl.tryTake('b').allowed).toBe(true);
    expect(rl.tryTake('a').allowed).toBe(false);
  });

  it('should not mint tokens when the clock steps backwards', () => {
    const { rl, clock } = limiter(1);
    rl.tryTake('k');
    clock.t -= 600_000; // a -10 min skew
    expect(rl.tryTake('k').allowed).toBe(false);
    clock.t += 600_000 + 999;
    expect(rl.tryTake('k').allowed).toBe(false);
    clock.t += 1;
    expect(rl.tryTake('k').allowed).toBe(true);
  });

  it('should refuse forever when the cost exceeds capacity', () => {
    const { rl } = limiter(2);
    expect(rl.tryTake('k', 3)).toEqual({ allowed: false, retryAfterMs: Number.POSITIVE_INFINITY });
  });

  it('should forget the least recently used bucket when maxKeys is reached', () => {
    const { rl } = limiter(1, 1, 2);
    rl.tryTake('a');
    rl.tryTake('b');
    rl.tryTake('a'); // refused, but touches 'a'
    rl.tryTake('c'); // evicts 'b'
    expect(rl.tryTake('a').allowed).toBe(false);
    expect(rl.tryTake('b').allowed).toBe(true);
  });

  it('should throw when configured with no capacity', () => {
    expect(() => new RateLimiter({ capacity: 0, refillPerSecond: 1, now: Date.now })).toThrow(RangeError);
  });
});
