import type { HealthCheckResult } from './health';

export interface SourceState {
  id: string;
  /** null: not tried yet. */
  ok: boolean | null;
  detail?: string;
}

/**
 * Ready unless most sources failed their last try: one dead publisher must not take a service out of rotation,
 * but a service whose sources mostly fail (its egress is blocked, its credentials expired) is not doing its job.
 * Sources not tried yet count as neither.
 */
export function quorumReadiness(noun: string, sources: readonly SourceState[]): HealthCheckResult {
  const failing = sources.filter((s) => s.ok === false);
  const tried = sources.filter((s) => s.ok !== null).length;
  const pending = sources.length - tried;
  const tail = pending ? `, ${pending} not polled yet` : '';
  if (failing.length * 2 > sources.length) {
    const reasons = failing.map((s) => (s.detail ? `${s.id} (${s.detail})` : s.id)).join('; ');
    return { ok: false, detail: `${failing.length} of ${sources.length} ${noun} failing${tail}: ${reasons}` };
  }
  return { ok: true, detail: `${tried - failing.length} of ${sources.length} ${noun} ok${tail}` };
}

/**
 * Answers from the last result for `maxAgeMs`, and never runs two at once: for a check that reads a lot (every feed's
 * health record) while probes come every few seconds from each caller.
 */
export function cachedCheck(check: () => Promise<HealthCheckResult>, maxAgeMs: number, now: () => number = Date.now): () => Promise<HealthCheckResult> {
  let last: { at: number; result: HealthCheckResult } | undefined;
  let inFlight: Promise<HealthCheckResult> | undefined;
  return () => {
    if (last && now() - last.at < maxAgeMs) return Promise.resolve(last.result);
    inFlight ??= check()
      .then((result) => (last = { at: now(), result }).result)
      .finally(() => (inFlight = undefined));
    return inFlight;
  };
}
