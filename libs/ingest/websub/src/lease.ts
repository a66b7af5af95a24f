import type { WebSubSubscription } from './types';

/** What to do about one subscription now. */
export type LeaseAction = 'none' | 'subscribe';

export interface LeasePolicy {
  /** Renew when this share of the lease is left (and at least `minMarginMs`). */
  renewShare: number;
  minMarginMs: number;
  /** A request the hub never verified is sent again after this, doubling per attempt up to `maxRetryMs`. */
  retryMs: number;
  maxRetryMs: number;
}

export const DEFAULT_LEASE_POLICY: LeasePolicy = { renewShare: 0.1, minMarginMs: 60_000, retryMs: 60_000, maxRetryMs: 6 * 3_600_000 };

/** When the subscription next needs a request, or null when it needs none (denied: polling carries the feed). */
export function nextRequestAt(sub: WebSubSubscription, policy: LeasePolicy = DEFAULT_LEASE_POLICY): number | null {
  if (sub.state === 'denied') return null;
  // A request the hub has not verified yet is sent again only after a backoff that doubles per attempt.
  const retryAt = sub.requestedAt + Math.min(policy.retryMs * 2 ** Math.max(0, sub.attempts - 1), policy.maxRetryMs);
  if (sub.state === 'active' && sub.expiresAt !== undefined) {
    const lease = (sub.leaseSeconds ?? 0) * 1_000;
    const renewAt = sub.expiresAt - Math.max(lease * policy.renewShare, policy.minMarginMs);
    return sub.attempts > 0 ? Math.max(renewAt, retryAt) : renewAt;
  }
  return retryAt;
}

export function leaseAction(sub: WebSubSubscription, now: number, policy: LeasePolicy = DEFAULT_LEASE_POLICY): LeaseAction {
  if (sub.state === 'unsubscribing') return 'none';
  const at = nextRequestAt(sub, policy);
  return at !== null && now >= at ? 'subscribe' : 'none';
}

/** Whether pushed content for this subscription is accepted: verified, and the lease not over. */
export function acceptsContent(sub: WebSubSubscription | null, now: number): sub is WebSubSubscription {
  return !!sub && sub.state === 'active' && (sub.expiresAt === undefined || now < sub.expiresAt);
}
