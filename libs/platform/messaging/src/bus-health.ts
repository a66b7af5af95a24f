/**
 * What readiness says about a Kafka bus, kept apart from kafkajs so each rule is tested alone.
 * Readiness must say what is true now: a consumer that crashed and rejoined is ready again, and a
 * producer-only service is not ready while no broker answers.
 */

export type MemberState = 'waiting for the broker' | 'joining' | 'joined' | 'crashed, restarting' | 'failed, retrying';

/** One entry per subscription (group + topic), updated from the consumer's own events. */
export class ConsumerStates {
  private readonly members = new Map<string, { state: MemberState; detail?: string }>();

  set(member: string, state: MemberState, detail?: string): void {
    this.members.set(member, { state, detail });
  }

  remove(member: string): void {
    this.members.delete(member);
  }

  /** Members that are not consuming right now, as "group topic: state (why)". */
  problems(): string[] {
    return [...this.members]
      .filter(([, m]) => m.state !== 'joined')
      .map(([name, m]) => `${name}: ${m.state}${m.detail ? ` (${m.detail})` : ''}`);
  }
}

export interface ProbeResult {
  ok: boolean;
  detail?: string;
}

/**
 * Asks the broker at most once per `maxAgeMs` and never twice at once: readiness probes from several
 * callers share one metadata request, and a hung broker costs one timeout, not a pile of them.
 */
export class BrokerProbe {
  private last?: { at: number; result: ProbeResult };
  private inFlight?: Promise<ProbeResult>;

  constructor(
    private readonly check: () => Promise<void>,
    private readonly opts: { timeoutMs: number; maxAgeMs: number; now?: () => number },
  ) {}

  probe(): Promise<ProbeResult> {
    const now = (this.opts.now ?? Date.now)();
    if (this.last && now - this.last.at < this.opts.maxAgeMs) return Promise.resolve(this.last.result);
    this.inFlight ??= this.run().then((result) => {
      this.last = { at: (this.opts.now ?? Date.now)(), result };
      this.inFlight = undefined;
      return result;
    });
    return this.inFlight;
  }

  private async run(): Promise<ProbeResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<ProbeResult>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, detail: `broker did not answer within ${this.opts.timeoutMs} ms` }), this.opts.timeoutMs);
    });
    const answer = this.check().then(
      (): ProbeResult => ({ ok: true }),
      (err: unknown): ProbeResult => ({ ok: false, detail: `broker unreachable: ${err instanceof Error ? err.message : String(err)}` }),
    );
    try {
      return await Promise.race([answer, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Ready only when the producer is connected, a broker answers, and every subscription is consuming. */
export function kafkaReadiness(input: { connected: boolean; broker: ProbeResult; members: string[] }): { ok: boolean; detail?: string } {
  const problems = [
    ...(input.connected ? [] : ['producer not connected']),
    ...(input.broker.ok ? [] : [input.broker.detail ?? 'broker unreachable']),
    ...input.members,
  ];
  return problems.length ? { ok: false, detail: problems.join('; ') } : { ok: true };
}
