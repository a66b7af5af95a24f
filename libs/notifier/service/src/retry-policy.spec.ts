import { DEFAULT_DELIVERY_RETRY, nextRetry } from './retry-policy';

const policy = { baseDelayMs: 1_000, maxDelayMs: 60_000, windowMs: 24 * 3_600_000, maxAttempts: 10 };

describe('nextRetry', () => {
  it('should wait at least the Retry-After when the other side asks for it', () => {
    expect(nextRetry({ attempts: 1, firstAttemptAt: 0, now: 1_000, retryAfterMs: 2_000 }, policy, () => 0)).toEqual({ retry: true, at: 3_000 });
    // A jittered delay longer than Retry-After is kept: Retry-After is a floor.
    expect(nextRetry({ attempts: 5, firstAttemptAt: 0, now: 1_000, retryAfterMs: 2_000 }, policy, () => 0.5)).toEqual({ retry: true, at: 1_000 + 8_000 });
  });

  it('should draw the delay from zero to the doubled ceiling when backing off', () => {
    const at = (attempts: number, r: number) => (nextRetry({ attempts, firstAttemptAt: 0, now: 0 }, policy, () => r) as { at: number }).at;
    expect([at(1, 0.999), at(2, 0.999), at(3, 0.999)]).toEqual([999, 1_998, 3_996]);
    expect(at(3, 0)).toBe(0);
    expect(at(9, 0.999)).toBe(59_940);
  });

  it('should give up when the next try would fall past the window after the first attempt', () => {
    const day = 24 * 3_600_000;
    expect(nextRetry({ attempts: 3, firstAttemptAt: 0, now: day - 500, retryAfterMs: 1_000 }, policy)).toEqual({ retry: false, why: 'window' });
    expect(nextRetry({ attempts: 3, firstAttemptAt: 0, now: day - 5_000, retryAfterMs: 1_000 }, policy, () => 0)).toEqual({ retry: true, at: day - 4_000 });
  });

  it('should give up after the last attempt', () => {
    expect(nextRetry({ attempts: 10, firstAttemptAt: 0, now: 0 }, policy)).toEqual({ retry: false, why: 'attempts' });
  });

  it('should keep retrying for about a day with the default policy', () => {
    // Worst case (every draw at the ceiling): the attempts fit in the 24 h window before the cap stops them.
    let now = 0;
    let attempts = 0;
    for (;;) {
      attempts++;
      const d = nextRetry({ attempts, firstAttemptAt: 0, now }, DEFAULT_DELIVERY_RETRY, () => 0.999999);
      if (!d.retry) {
        expect(d.why).toBe('window');
        break;
      }
      now = d.at;
    }
    expect(now).toBeGreaterThan(20 * 3_600_000);
    expect(attempts).toBeLessThan(DEFAULT_DELIVERY_RETRY.maxAttempts);
  });
});
