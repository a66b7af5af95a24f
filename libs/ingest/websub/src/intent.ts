import type { WebSubSubscription } from './types';

/** Shortest and longest lease we accept from a hub: a 1 s lease would have us renewing constantly. */
export const MIN_LEASE_SECONDS = 60;
export const MAX_LEASE_SECONDS = 30 * 86_400;
const MAX_CHALLENGE = 1_024;

export type VerificationAnswer =
  /** Echo `body` with 200 and store `next` (null: forget the subscription). */
  | { status: 200; body: string; next: WebSubSubscription | null }
  /** Not ours, or not in a state that expects this: 404, nothing stored. */
  | { status: 404; body: string; next?: undefined }
  | { status: 400; body: string; next?: undefined };

const str = (q: Record<string, unknown>, k: string): string | undefined => {
  const v = q[k];
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;
};

/**
 * The subscriber's answer to a hub's verification request (WebSub §5.3) or denial (§5.2). A hub — or anyone who
 * knows the callback — can only confirm what we asked for: a subscribe we requested (or are renewing) for the same
 * topic, or an unsubscribe we requested. Everything else is 404, so a forged GET cannot start or stop deliveries.
 */
export function answerVerification(sub: WebSubSubscription | null, query: Record<string, unknown>, now: number): VerificationAnswer {
  const mode = str(query, 'hub.mode');
  const topic = str(query, 'hub.topic');
  if (!mode || !topic) return { status: 400, body: 'hub.mode and hub.topic are required' };
  if (!sub || sub.topic !== topic) return { status: 404, body: 'no subscription for this topic' };

  if (mode === 'denied') {
    if (sub.state !== 'requested' && sub.state !== 'active') return { status: 404, body: 'nothing to deny' };
    const reason = (str(query, 'hub.reason') ?? 'denied by hub').slice(0, 200);
    return { status: 200, body: '', next: { ...sub, state: 'denied', reason, expiresAt: undefined } };
  }
  const challenge = str(query, 'hub.challenge');
  if (!challenge || challenge.length > MAX_CHALLENGE) return { status: 400, body: 'hub.challenge is required (at most 1024 characters)' };

  if (mode === 'subscribe') {
    if (sub.state !== 'requested' && sub.state !== 'active') return { status: 404, body: 'no subscription requested' };
    const lease = Number(str(query, 'hub.lease_seconds'));
    if (!Number.isInteger(lease) || lease <= 0) return { status: 400, body: 'hub.lease_seconds must be a positive whole number' };
    const leaseSeconds = Math.min(Math.max(lease, MIN_LEASE_SECONDS), MAX_LEASE_SECONDS);
    return { status: 200, body: challenge, next: { ...sub, state: 'active', leaseSeconds, expiresAt: now + leaseSeconds * 1_000, attempts: 0, reason: undefined } };
  }
  if (mode === 'unsubscribe') {
    if (sub.state !== 'unsubscribing') return { status: 404, body: 'no unsubscription requested' };
    return { status: 200, body: challenge, next: null };
  }
  return { status: 400, body: 'hub.mode must be subscribe, unsubscribe or denied' };
}
