/**
 * When to try a failed delivery again. Pure: the clock and the random source are arguments.
 *
 * Exponential backoff with full jitter (a random delay in [0, min(cap, base·2^n)]) so deliveries
 * that failed together do not come back together; a Retry-After from the other side is a floor,
 * never shortened. A delivery is given up when the next try would fall past `windowMs` after its
 * first attempt, or after `maxAttempts`.
 */
export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  /** Total time from the first attempt after which a delivery is dead. */
  windowMs: number;
  maxAttempts: number;
}

export const DEFAULT_DELIVERY_RETRY: RetryPolicy = {
  baseDelayMs: 5_000,
  maxDelayMs: 60 * 60_000,
  windowMs: 24 * 60 * 60_000,
  maxAttempts: 40,
};

export type RetryDecision = { retry: true; at: number } | { retry: false; why: 'window' | 'attempts' };

export function nextRetry(
  input: { attempts: number; firstAttemptAt: number; now: number; retryAfterMs?: number },
  policy: RetryPolicy = DEFAULT_DELIVERY_RETRY,
  random: () => number = Math.random,
): RetryDecision {
  if (input.attempts >= policy.maxAttempts) return { retry: false, why: 'attempts' };
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, input.attempts - 1));
  const jittered = Math.floor(random() * ceiling);
  const delay = Math.max(jittered, input.retryAfterMs ?? 0);
  const at = input.now + delay;
  if (at - input.firstAttemptAt > policy.windowMs) return { retry: false, why: 'window' };
  return { retry: true, at };
}
