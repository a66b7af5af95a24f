/** Time as the limiter sees it; tests drive a fake one. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or at once when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      signal?.addEventListener('abort', done, { once: true });
    }),
};

export interface HostLimits {
  /** Requests in flight to one host at once. */
  perHost: number;
  /** Least time between two requests starting on one host. */
  minIntervalMs: number;
}

interface HostState {
  active: number;
  nextStartAt: number;
  waiters: Array<() => void>;
}

export type Limited<T> = { ran: true; value: T } | { ran: false };

const PRUNE_ABOVE = 10_000;

/**
 * Politeness towards publishers, shared by every poll of one process: at most `perHost` article fetches in flight per
 * host and `minIntervalMs` between their starts. A caller whose signal aborts while it waits gets `{ ran: false }` and
 * its work never starts, so a poll at its deadline stops queueing at once.
 */
export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();

  constructor(
    private readonly limits: HostLimits,
    private readonly clock: Clock = systemClock,
  ) {}

  async run<T>(host: string, work: () => Promise<T>, signal?: AbortSignal): Promise<Limited<T>> {
    const h = this.state(host.toLowerCase());
    for (;;) {
      if (signal?.aborted) return { ran: false };
      if (h.active >= this.limits.perHost) {
        await this.waitForSlot(h, signal);
        continue;
      }
      const wait = h.nextStartAt - this.clock.now();
      if (wait <= 0) break;
      await this.clock.sleep(wait, signal);
    }
    h.active++;
    h.nextStartAt = this.clock.now() + this.limits.minIntervalMs;
    try {
      return { ran: true, value: await work() };
    } finally {
      h.active--;
      h.waiters.shift()?.();
    }
  }

  /** Requests in flight to a host now (for tests and metrics). */
  active(host: string): number {
    return this.hosts.get(host.toLowerCase())?.active ?? 0;
  }

  private waitForSlot(h: HostState, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const i = h.waiters.indexOf(wake);
        if (i >= 0) h.waiters.splice(i, 1);
        resolve();
      };
      h.waiters.push(wake);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private state(host: string): HostState {
    let h = this.hosts.get(host);
    if (!h) {
      if (this.hosts.size >= PRUNE_ABOVE) this.prune();
      h = { active: 0, nextStartAt: 0, waiters: [] };
      this.hosts.set(host, h);
    }
    return h;
  }

  // Hosts seen once would otherwise accumulate forever in a process polling 100,000 feeds.
  private prune(): void {
    const now = this.clock.now();
    for (const [host, h] of this.hosts) if (h.active === 0 && h.waiters.length === 0 && h.nextStartAt <= now) this.hosts.delete(host);
  }
}
