import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError, ErrorCode } from '@pharma-radar/contracts';

// Tokens for the links an alert carries (relevant / not relevant, unsubscribe). Pure: no clock, no I/O;
// the caller passes `now` and the secret. Format: base64url(JSON claims array) "." base64url(HMAC-SHA256).
// The MAC covers the JSON array, so field boundaries are unambiguous whatever a field contains, and the
// first element names the purpose, so a feedback token can never be replayed as an unsubscribe token.

export const FEEDBACK_VERDICTS = ['relevant', 'not_relevant'] as const;
export type FeedbackVerdict = (typeof FEEDBACK_VERDICTS)[number];

export const LINK_DEFAULTS = {
  /** Feedback is asked about one alert; a month is long enough to get round to it. */
  feedbackTtlMs: 30 * 86_400_000,
  /** RFC 8058 one-click must keep working for as long as old mails sit in inboxes. */
  unsubscribeTtlMs: 365 * 86_400_000,
  /** Below this a secret is guessable offline from any token seen in a mailbox. */
  minSecretBytes: 32,
  maxTokenLength: 1_500,
} as const;

const FEEDBACK_PURPOSE = 'pr.feedback.v1';
const UNSUBSCRIBE_PURPOSE = 'pr.unsubscribe.v1';

export interface FeedbackClaims {
  subscriberId: string;
  collaborationId: string;
  verdict: FeedbackVerdict;
  /** Milliseconds since the epoch after which the token is refused. */
  expiresAt: number;
}

export interface UnsubscribeClaims {
  subscriberId: string;
  /** The channel the link came in, so one mail unsubscribes from mail only. */
  channel: string;
  expiresAt: number;
}

export type LinkTokenProblem = 'malformed' | 'bad_signature' | 'wrong_purpose' | 'expired';
export type VerifyResult<T> = { ok: true; claims: T } | { ok: false; problem: LinkTokenProblem };

export function signFeedbackToken(claims: FeedbackClaims, secret: string | Buffer): string {
  return sign([FEEDBACK_PURPOSE, claims.subscriberId, claims.collaborationId, claims.verdict, claims.expiresAt], secret);
}

export function verifyFeedbackToken(token: string, secret: string | Buffer, now: number): VerifyResult<FeedbackClaims> {
  const opened = open(token, secret, FEEDBACK_PURPOSE, 5);
  if (!opened.ok) return opened;
  const [, subscriberId, collaborationId, verdict, expiresAt] = opened.claims;
  if (typeof subscriberId !== 'string' || typeof collaborationId !== 'string' || typeof expiresAt !== 'number') return { ok: false, problem: 'malformed' };
  if (!(FEEDBACK_VERDICTS as readonly unknown[]).includes(verdict)) return { ok: false, problem: 'malformed' };
  if (now >= expiresAt) return { ok: false, problem: 'expired' };
  return { ok: true, claims: { subscriberId, collaborationId, verdict: verdict as FeedbackVerdict, expiresAt } };
}

export function signUnsubscribeToken(claims: UnsubscribeClaims, secret: string | Buffer): string {
  return sign([UNSUBSCRIBE_PURPOSE, claims.subscriberId, claims.channel, claims.expiresAt], secret);
}

export function verifyUnsubscribeToken(token: string, secret: string | Buffer, now: number): VerifyResult<UnsubscribeClaims> {
  const opened = open(token, secret, UNSUBSCRIBE_PURPOSE, 4);
  if (!opened.ok) return opened;
  const [, subscriberId, channel, expiresAt] = opened.claims;
  if (typeof subscriberId !== 'string' || typeof channel !== 'string' || typeof expiresAt !== 'number') return { ok: false, problem: 'malformed' };
  if (now >= expiresAt) return { ok: false, problem: 'expired' };
  return { ok: true, claims: { subscriberId, channel, expiresAt } };
}

export interface LinkSettings {
  /** Public https origin + path prefix of the API that serves the links, e.g. 'https://radar.example.com/api'. */
  baseUrl: string;
  /** HMAC key shared with that API. */
  secret: string | Buffer;
  feedbackTtlMs?: number;
  unsubscribeTtlMs?: number;
}

/**
 * The two feedback links of one alert for one subscriber. The API side should answer the GET with a
 * page that records the verdict only on POST (link scanners in mail gateways follow every GET).
 */
export function feedbackUrls(settings: LinkSettings, subscriberId: string, collaborationId: string, now: number): Record<FeedbackVerdict, string> {
  const expiresAt = now + (settings.feedbackTtlMs ?? LINK_DEFAULTS.feedbackTtlMs);
  const url = (verdict: FeedbackVerdict) =>
    `${trimSlash(settings.baseUrl)}/feedback?token=${signFeedbackToken({ subscriberId, collaborationId, verdict, expiresAt }, settings.secret)}`;
  return { relevant: url('relevant'), not_relevant: url('not_relevant') };
}

/**
 * The RFC 8058 target: GET shows a confirmation page, POST (body `List-Unsubscribe=One-Click`, sent by
 * the mail client, or the page's form) unsubscribes. The token is the only credential.
 */
export function unsubscribeUrl(settings: LinkSettings, subscriberId: string, channel: string, now: number): string {
  const expiresAt = now + (settings.unsubscribeTtlMs ?? LINK_DEFAULTS.unsubscribeTtlMs);
  return `${trimSlash(settings.baseUrl)}/unsubscribe?token=${signUnsubscribeToken({ subscriberId, channel, expiresAt }, settings.secret)}`;
}

/** Throws at startup rather than sign links anyone could forge. */
export function assertLinkSettings(settings: LinkSettings): void {
  if (Buffer.byteLength(settings.secret) < LINK_DEFAULTS.minSecretBytes) {
    throw new AppError(ErrorCode.ConfigInvalid, `link secret must be at least ${LINK_DEFAULTS.minSecretBytes} bytes`);
  }
  let url: URL;
  try {
    url = new URL(settings.baseUrl);
  } catch {
    throw new AppError(ErrorCode.ConfigInvalid, 'link base URL is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AppError(ErrorCode.ConfigInvalid, 'link base URL must be http(s)');
  if (url.username || url.password || url.search || url.hash) throw new AppError(ErrorCode.ConfigInvalid, 'link base URL must not carry credentials, a query or a fragment');
}

function sign(claims: Array<string | number>, secret: string | Buffer): string {
  const body = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  return `${body}.${mac(body, secret).toString('base64url')}`;
}

function open(token: string, secret: string | Buffer, purpose: string, arity: number): VerifyResult<unknown[]> {
  if (typeof token !== 'string' || token.length === 0 || token.length > LINK_DEFAULTS.maxTokenLength) return { ok: false, problem: 'malformed' };
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return { ok: false, problem: 'malformed' };
  const body = token.slice(0, dot);
  const given = token.slice(dot + 1);
  if (!/^[A-Za-z0-9_-]+$/.test(body) || !/^[A-Za-z0-9_-]{43}$/.test(given)) return { ok: false, problem: 'malformed' };
  // Signature first, in constant time: nothing about the claims is read from an unauthenticated token.
  if (!timingSafeEqual(Buffer.from(given, 'base64url'), mac(body, secret))) return { ok: false, problem: 'bad_signature' };
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  if (!Array.isArray(claims)) return { ok: false, problem: 'malformed' };
  if (claims[0] !== purpose) return { ok: false, problem: 'wrong_purpose' };
  if (claims.length !== arity) return { ok: false, problem: 'malformed' };
  return { ok: true, claims };
}

function mac(body: string, secret: string | Buffer): Buffer {
  return createHmac('sha256', secret).update(body).digest();
}

function trimSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}
