import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhook, WEBHOOK_HEADERS, webhookSignature } from './webhook-signature';

const SECRET = 'whsec-test-0123456789';
const NOW = Date.parse('2026-12-07T10:00:00Z');
const BODY = '{"type":"pharma-radar.collaboration.alert","version":1}';

describe('signWebhook', () => {
  it('should sign "timestamp.body" with HMAC-SHA256 as v1=<hex>', () => {
    const headers = signWebhook(SECRET, BODY, NOW);
    const ts = String(NOW / 1000);
    expect(headers).toEqual({
      [WEBHOOK_HEADERS.timestamp]: ts,
      [WEBHOOK_HEADERS.signature]: `v1=${createHmac('sha256', SECRET).update(`${ts}.${BODY}`).digest('hex')}`,
    });
  });
});

describe('verifyWebhook', () => {
  const signed = (now = NOW, body = BODY, secret = SECRET) => {
    const h = signWebhook(secret, body, now);
    return { timestamp: h[WEBHOOK_HEADERS.timestamp], signature: h[WEBHOOK_HEADERS.signature] };
  };

  it('should accept a fresh request signed with the secret', () => {
    expect(verifyWebhook({ body: BODY, ...signed(), secret: SECRET, now: NOW + 1_000 })).toEqual({ ok: true });
  });

  it('should accept the raw body as a Buffer', () => {
    expect(verifyWebhook({ body: Buffer.from(BODY), ...signed(), secret: SECRET, now: NOW })).toEqual({ ok: true });
  });

  it.each([
    ['older than 5 minutes', NOW + 301_000],
    ['more than 5 minutes in the future', NOW - 301_000],
  ])('should refuse a timestamp %s as stale', (_label, receiverNow) => {
    expect(verifyWebhook({ body: BODY, ...signed(), secret: SECRET, now: receiverNow })).toEqual({ ok: false, problem: 'stale' });
  });

  it('should honour a custom tolerance', () => {
    expect(verifyWebhook({ body: BODY, ...signed(), secret: SECRET, now: NOW + 61_000, toleranceSeconds: 60 })).toEqual({ ok: false, problem: 'stale' });
  });

  it('should refuse a body changed by one byte', () => {
    expect(verifyWebhook({ body: `${BODY} `, ...signed(), secret: SECRET, now: NOW })).toEqual({ ok: false, problem: 'mismatch' });
  });

  it('should refuse a replayed signature with a new timestamp', () => {
    const old = signed(NOW - 3_600_000);
    expect(verifyWebhook({ body: BODY, timestamp: String(NOW / 1000), signature: old.signature, secret: SECRET, now: NOW })).toEqual({ ok: false, problem: 'mismatch' });
  });

  it('should refuse a signature made with another secret', () => {
    expect(verifyWebhook({ body: BODY, ...signed(NOW, BODY, 'other'), secret: SECRET, now: NOW })).toEqual({ ok: false, problem: 'mismatch' });
  });

  it('should accept either secret while one is rotated, and any of several v1 values', () => {
    const s = signed(NOW, BODY, 'new-secret');
    expect(verifyWebhook({ body: BODY, ...s, secret: ['old-secret', 'new-secret'], now: NOW })).toEqual({ ok: true });
    const both = `v1=${'0'.repeat(64)}, ${s.signature}`;
    expect(verifyWebhook({ body: BODY, timestamp: s.timestamp, signature: both, secret: 'new-secret', now: NOW })).toEqual({ ok: true });
  });

  it.each([
    [{ timestamp: undefined }, 'missing_header'],
    [{ signature: '' }, 'missing_header'],
    [{ timestamp: '1e9' }, 'malformed_timestamp'],
    [{ timestamp: '-1' }, 'malformed_timestamp'],
    [{ signature: 'v0=abc' }, 'malformed_signature'],
    [{ signature: `v1=${'g'.repeat(64)}` }, 'malformed_signature'],
    [{ signature: `v1=${'a'.repeat(63)}` }, 'malformed_signature'],
  ])('should refuse %j as %s', (change, problem) => {
    expect(verifyWebhook({ body: BODY, ...signed(), ...change, secret: SECRET, now: NOW })).toEqual({ ok: false, problem });
  });

  it('should be the same hex the sender computes', () => {
    expect(webhookSignature(SECRET, 1, 'x')).toBe(createHmac('sha256', SECRET).update('1.x').digest('hex'));
  });
});
