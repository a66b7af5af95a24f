export interface EventuallyOptions {
  /** Give up after this long and rethrow the last failure. Default 5000. */
  timeoutMs?: number;
  /** Pause between attempts. Default 50. */
  intervalMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Retries `assertion` until it passes; at the deadline rethrows its last error unchanged,
 * so the test report shows the real expectation that never held.
 */
export async function expectEventually(
  assertion: () => void | Promise<void>,
  { timeoutMs = 5000, intervalMs = 50 }: EventuallyOptions = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await withinDeadline(assertion, deadline, timeoutMs);
      return;
    } catch (error) {
      if (Date.now() + intervalMs >= deadline) {
        throw error;
      }
      await sleep(intervalMs);
    }
  }
}

// An attempt that never settles would otherwise outlive the deadline and surface as a vague jest timeout.
async function withinDeadline(assertion: () => void | Promise<void>, deadline: number, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const pending = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`expectEventually: an attempt was still pending when the ${timeoutMs} ms deadline passed`)),
      Math.max(0, deadline - Date.now()),
    );
  });
  try {
    await Promise.race([Promise.resolve().then(assertion), pending]);
  } finally {
    clearTimeout(timer);
  }
}
