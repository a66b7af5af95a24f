import { createHmac } from 'node:crypto';
import {
  assertLinkSettings, feedbackUrls, LINK_DEFAULTS, signFeedbackToken, signUnsubscribeToken, unsubscribeUrl, verifyFeedbackToken, verifyUnsubscribeToken,
} from './signed-link';

const SECRET = 'k'.repeat(32);
const NOW = Date.parse('2026-12-07T10:00:00Z');
const claims = { subscriberId: 'sub-1', collaborationId: 'collab-az-petrov', verdict: 'relevant' as const, expiresAt: NOW + 60_000 };

describe('feedback tokens', () => {
  it('should return the claims when the token is genuine and fresh', () => {
    expect(verifyFeedbackToken(signFeedbackToken(claims, SECRET), SECRET, NOW)).toEqual({ ok: true, claims });
  });

  it('should refuse the token when the expiry has passed', () => {
    expect(verifyFeedbackToken(signFeedbackToken(claims, SECRET), SECRET, claims.expiresAt)).toEqual({ ok: false, problem: 'expired' });
  });

  it('should refuse the token when it was signed with another secret', () => {
    expect(verifyFeedbackToken(signFeedbackToken(claims, 'x'.repeat(32)), SECRET, NOW)).toEqual({ ok: false, problem: 'bad_signature' });
  });

  it.each([
    ['the verdict', { verdict: 'not_relevant' }],
    ['the subscriber', { subscriberId: 'sub-2' }],
    ['the collaboration', { collaborationId: 'other' }],
    ['the expiry', { expiresAt: NOW + 10 * 365 * 86_400_000 }],
  ])('should refuse the token when %s is changed after signing', (_what, change) => {
    const [, mac] = signFeedbackToken(claims, SECRET).split('.');
    const forged = Buffer.from(JSON.stringify(['pr.feedback.v1', ...Object.values({ ...claims, ...change })]), 'utf8').toString('base64url');
    expect(verifyFeedbackToken(`${forged}.${mac}`, SECRET, NOW)).toEqual({ ok: false, problem: 'bad_signature' });
  });

  it('should refuse an unsubscribe token presented as feedback when both are signed with one secret', () => {
    const unsub = signUnsubscribeToken({ subscriberId: 'sub-1', channel: 'email', expiresAt: NOW + 60_000 }, SECRET);
    expect(verifyFeedbackToken(unsub, SECRET, NOW)).toEqual({ ok: false, problem: 'wrong_purpose' });
    expect(verifyUnsubscribeToken(signFeedbackToken(claims, SECRET), SECRET, NOW)).toEqual({ ok: false, problem: 'wrong_purpose' });
  });

  it('should keep field boundaries when an id contains the characters a naive join would use', () => {
    const a = signFeedbackToken({ ...claims, subscriberId: 'a', collaborationId: 'b.c' }, SECRET);
    const b = signFeedbackToken({ ...claims, subscriberId: 'a.b', collaborationId: 'c' }, SECRET);
    expect(a.split('.')[1]).not.toBe(b.split('.')[1]);
  });

  it('should refuse a correctly signed token whose verdict is unknown', () => {
    const body = Buffer.from(JSON.stringify(['pr.feedback.v1', 'sub-1', 'c', 'maybe', NOW + 60_000])).toString('base64url');
    const mac = createHmac('sha256', SECRET).update(body).digest('base64url');
    expect(verifyFeedbackToken(`${body}.${mac}`, SECRET, NOW)).toEqual({ ok: false, problem: 'malformed' });
  });

  it.each(['', '.', 'abc', 'a.b.c', `${'a'.repeat(LINK_DEFAULTS.maxTokenLength)}.x`, 'e30.' + 'A'.repeat(43), 'not base64!.xyz'])(
    'should call %j malformed or badly signed without throwing',
    (token) => {
      const result = verifyFeedbackToken(token, SECRET, NOW);
      expect(result.ok).toBe(false);
    },
  );

  it('should produce URL-safe tokens that need no encoding in a query string', () => {
    const token = signFeedbackToken({ ...claims, subscriberId: 'ü/?&=#' }, SECRET);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  });
});

describe('unsubscribe tokens', () => {
  it('should return subscriber and channel when the token is genuine', () => {
    const c = { subscriberId: 'sub-1', channel: 'email', expiresAt: NOW + 1 };
    expect(verifyUnsubscribeToken(signUnsubscribeToken(c, SECRET), SECRET, NOW)).toEqual({ ok: true, claims: c });
  });
});

describe('link URLs', () => {
  const settings = { baseUrl: 'https://radar.example.com/api/', secret: SECRET };

  it('should build two feedback URLs whose tokens verify to their own verdicts', () => {
    const urls = feedbackUrls(settings, 'sub-1', 'collab-1', NOW);
    for (const verdict of ['relevant', 'not_relevant'] as const) {
      const url = new URL(urls[verdict]);
      expect(`${url.origin}${url.pathname}`).toBe('https://radar.example.com/api/feedback');
      expect(verifyFeedbackToken(url.searchParams.get('token')!, SECRET, NOW)).toEqual({
        ok: true, claims: { subscriberId: 'sub-1', collaborationId: 'collab-1', verdict, expiresAt: NOW + LINK_DEFAULTS.feedbackTtlMs },
      });
    }
  });

  it('should build an unsubscribe URL valid for a year by default', () => {
    const url = new URL(unsubscribeUrl(settings, 'sub-1', 'email', NOW));
    expect(url.pathname).toBe('/api/unsubscribe');
    expect(verifyUnsubscribeToken(url.searchParams.get('token')!, SECRET, NOW + 364 * 86_400_000).ok).toBe(true);
    expect(verifyUnsubscribeToken(url.searchParams.get('token')!, SECRET, NOW + 366 * 86_400_000)).toEqual({ ok: false, problem: 'expired' });
  });

  it.each([
    [{ baseUrl: 'https://radar.example.com', secret: 'short' }, /at least 32 bytes/],
    [{ baseUrl: 'not a url', secret: SECRET }, /not a URL/],
    [{ baseUrl: 'javascript:alert(1)', secret: SECRET }, /http\(s\)/],
    [{ baseUrl: 'https://u:p@radar.example.com', secret: SECRET }, /credentials/],
    [{ baseUrl: 'https://radar.example.com/?a=1', secret: SECRET }, /query/],
  ])('should refuse settings %j at startup', (s, message) => {
    expect(() => assertLinkSettings(s)).toThrow(message);
  });
});
