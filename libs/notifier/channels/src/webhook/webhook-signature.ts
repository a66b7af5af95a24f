import { createHmac, timingSafeEqual } from 'node:crypto';

// Signing of the generic webhook, Stripe-style: the receiver recomputes HMAC-SHA256 over
// "<timestamp>.<raw body>" with its copy of the secret. The timestamp is inside the MAC, so an old
// request replayed later fails the freshness check even though its signature is genuine.

export const WEBHOOK_HEADERS = {
  timestamp: 'X-PharmaRadar-Timestamp',
  signature: 'X-PharmaRadar-Signature',
} as const;

export const WEBHOOK_SIGNATURE_DEFAULTS = {
  /** How far a timestamp may be from the receiver's clock, either way. */
  toleranceSeconds: 300,
} as const;

/** Hex HMAC-SHA256 of "timestamp.body". */
export function webhookSignature(secret: string | Buffer, timestampSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.`).update(body).digest('hex');
}

/** The two headers for one request; `now` in milliseconds. */
export function signWebhook(secret: string | Buffer, body: string, now: number): Record<string, string> {
  const ts = Math.floor(now / 1000);
  return { [WEBHOOK_HEADERS.timestamp]: String(ts), [WEBHOOK_HEADERS.signature]: `v1=${webhookSignature(secret, ts, body)}` };
}

export type WebhookVerifyProblem = 'missing_header' | 'malformed_timestamp' | 'stale' | 'malformed_signature' | 'mismatch';

export interface WebhookVerifyInput {
  /** The raw body exactly as received (before any JSON parsing). */
  body: string | Buffer;
  timestamp: string | null | undefined;
  signature: string | null | undefined;
  /** One secret, or several while a secret is being rotated. */
  secret: string | Buffer | ReadonlyArray<string | Buffer>;
  /** Receiver's clock, milliseconds. */
  now: number;
  toleranceSeconds?: number;
}

/**
 * For receivers (and our own tests): true only for a fresh timestamp and a matching v1 signature.
 * The signature header may list several `v1=` values (comma-separated) during a secret rotation.
 */
export function verifyWebhook(input: WebhookVerifyInput): { ok: true } | { ok: false; problem: WebhookVerifyProblem } {
  if (!input.timestamp || !input.signature) return { ok: false, problem: 'missing_header' };
  if (!/^\d{1,12}$/.test(input.timestamp)) return { ok: false, problem: 'malformed_timestamp' };
  const ts = Number(input.timestamp);
  const tolerance = input.toleranceSeconds ?? WEBHOOK_SIGNATURE_DEFAULTS.toleranceSeconds;
  if (Math.abs(Math.floor(input.now / 1000) - ts) > tolerance) return { ok: false, problem: 'stale' };
  const given = input.signature
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('v1='))
    .map((part) => part.slice(3));
  if (given.length === 0 || given.some((g) => !/^[0-9a-f]{64}$/.test(g))) return { ok: false, problem: 'malformed_signature' };
  const body = typeof input.body === 'string' ? input.body : input.body.toString('utf8');
  const secrets = Array.isArray(input.secret) ? input.secret : [input.secret as string | Buffer];
  let match = false;
  // Every candidate is compared, in constant time, so timing says nothing about which one matched.
  for (const secret of secrets) {
    const expected = Buffer.from(webhookSignature(secret, ts, body), 'hex');
    for (const g of given) match = timingSafeEqual(expected, Buffer.from(g, 'hex')) || match;
  }
  return match ? { ok: true } : { ok: false, problem: 'mismatch' };
}
