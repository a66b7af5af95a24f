import { acceptsContent, answerVerification, discoverWebSub, leaseAction, nextRequestAt, parseLinkHeader, signBody, verifySignature, type WebSubSubscription } from './index';

const sub = (over: Partial<WebSubSubscription> = {}): WebSubSubscription => ({
  feedId: 'wire', topic: 'https://wire.example/feed', hub: 'https://hub.example/', secret: 's3cret', state: 'requested', requestedAt: 1_000, attempts: 1, ...over,
});

describe('parseLinkHeader', () => {
  it('reads targets and relation types, commas and semicolons inside quotes and brackets included', () => {
    expect(parseLinkHeader('<https://hub.example/a,b>; rel="hub", <https://wire.example/feed>; rel=self; title="x, y; z"')).toEqual([
      { href: 'https://hub.example/a,b', rels: ['hub'] },
      { href: 'https://wire.example/feed', rels: ['self'] },
    ]);
  });
  it('splits multiple relation types and lower-cases them', () => {
    expect(parseLinkHeader('<https://h.example/>; rel="HUB alternate"')).toEqual([{ href: 'https://h.example/', rels: ['hub', 'alternate'] }]);
  });
  it('skips malformed parts and survives garbage', () => {
    expect(parseLinkHeader('garbage, <https://h.example/>; rel=hub, <unterminated')).toEqual([{ href: 'https://h.example/', rels: ['hub'] }]);
    expect(parseLinkHeader(undefined)).toEqual([]);
    expect(parseLinkHeader('<'.repeat(100_000))).toEqual([]);
  });
});

describe('discoverWebSub', () => {
  it('prefers Link headers over the document, and resolves relative hubs against the fetched URL', () => {
    expect(discoverWebSub({ linkHeader: '</hub>; rel=hub, <https://wire.example/self>; rel=self', document: { hubs: ['https://other.example/'], self: 'https://doc.example/' }, fetchedUrl: 'https://wire.example/feed' }))
      .toEqual({ hubs: ['https://wire.example/hub'], topic: 'https://wire.example/self' });
  });
  it('takes the document links without a header, and the fetched URL as topic without rel=self', () => {
    expect(discoverWebSub({ document: { hubs: ['https://hub.example/', 'https://hub.example/'], self: null }, fetchedUrl: 'https://wire.example/feed#x' }))
      .toEqual({ hubs: ['https://hub.example/'], topic: 'https://wire.example/feed' });
  });
  it('ignores hubs that are not absolute http(s) without credentials, and caps their number', () => {
    expect(discoverWebSub({ document: { hubs: ['javascript:alert(1)', 'ftp://hub.example/', 'https://u:p@hub.example/'], self: null }, fetchedUrl: 'https://wire.example/feed' })).toBeNull();
    const many = Array.from({ length: 10 }, (_, i) => `https://hub${i}.example/`);
    expect(discoverWebSub({ document: { hubs: many, self: null }, fetchedUrl: 'https://wire.example/feed' })?.hubs).toHaveLength(3);
  });
  it('is null for a feed that advertises no hub', () => {
    expect(discoverWebSub({ linkHeader: '<https://wire.example/feed>; rel=self', fetchedUrl: 'https://wire.example/feed' })).toBeNull();
  });
});

describe('verifySignature', () => {
  const body = Buffer.from('<feed>news</feed>');
  it('accepts every algorithm WebSub names, with the right secret only', () => {
    for (const alg of ['sha1', 'sha256', 'sha384', 'sha512'] as const) {
      expect(verifySignature(signBody(body, 'k', alg), body, 'k')).toEqual({ ok: true, algorithm: alg });
      expect(verifySignature(signBody(body, 'k', alg), body, 'other')).toMatchObject({ ok: false, code: 'SIGNATURE_MISMATCH' });
    }
  });
  it('refuses a changed body, a missing or malformed header and unknown algorithms, each with its own code', () => {
    const header = signBody(body, 'k');
    expect(verifySignature(header, Buffer.from('<feed>forged</feed>'), 'k')).toMatchObject({ ok: false, code: 'SIGNATURE_MISMATCH' });
    expect(verifySignature(undefined, body, 'k')).toMatchObject({ ok: false, code: 'SIGNATURE_MISSING' });
    expect(verifySignature('sha256', body, 'k')).toMatchObject({ ok: false, code: 'SIGNATURE_MALFORMED' });
    expect(verifySignature('sha256=abc', body, 'k')).toMatchObject({ ok: false, code: 'SIGNATURE_MALFORMED' });
    expect(verifySignature(`md5=${'0'.repeat(32)}`, body, 'k')).toMatchObject({ ok: false, code: 'SIGNATURE_ALGORITHM' });
  });
});

describe('answerVerification', () => {
  const q = (mode: string, extra: Record<string, string> = {}) => ({ 'hub.mode': mode, 'hub.topic': 'https://wire.example/feed', 'hub.challenge': 'c-123', 'hub.lease_seconds': '3600', ...extra });
  it('confirms a subscription we requested, echoing the challenge and starting the lease', () => {
    expect(answerVerification(sub(), q('subscribe'), 10_000)).toEqual({ status: 200, body: 'c-123', next: expect.objectContaining({ state: 'active', leaseSeconds: 3600, expiresAt: 10_000 + 3_600_000, attempts: 0 }) });
  });
  it('confirms a renewal of an active subscription', () => {
    expect(answerVerification(sub({ state: 'active', expiresAt: 5_000 }), q('subscribe'), 10_000)).toMatchObject({ status: 200, next: { state: 'active' } });
  });
  it('answers 404 to a topic, mode or state we did not ask for, so a forged request changes nothing', () => {
    expect(answerVerification(null, q('subscribe'), 0).status).toBe(404);
    expect(answerVerification(sub(), q('subscribe', { 'hub.topic': 'https://evil.example/' }), 0).status).toBe(404);
    expect(answerVerification(sub(), q('unsubscribe'), 0).status).toBe(404);
    expect(answerVerification(sub({ state: 'denied' }), q('subscribe'), 0).status).toBe(404);
  });
  it('confirms an unsubscription we asked for and forgets the subscription', () => {
    expect(answerVerification(sub({ state: 'unsubscribing' }), q('unsubscribe'), 0)).toEqual({ status: 200, body: 'c-123', next: null });
  });
  it('records a denial with its reason', () => {
    expect(answerVerification(sub(), { 'hub.mode': 'denied', 'hub.topic': 'https://wire.example/feed', 'hub.reason': 'not allowed' }, 0))
      .toMatchObject({ status: 200, next: { state: 'denied', reason: 'not allowed' } });
  });
  it('refuses incomplete requests with 400 and clamps extreme leases', () => {
    expect(answerVerification(sub(), { 'hub.topic': 'x' }, 0).status).toBe(400);
    expect(answerVerification(sub(), q('subscribe', { 'hub.challenge': '' }), 0).status).toBe(400);
    expect(answerVerification(sub(), q('subscribe', { 'hub.lease_seconds': '-5' }), 0).status).toBe(400);
    expect(answerVerification(sub(), q('subscribe', { 'hub.lease_seconds': '1' }), 0)).toMatchObject({ next: { leaseSeconds: 60 } });
    expect(answerVerification(sub(), q('subscribe', { 'hub.lease_seconds': '99999999' }), 0)).toMatchObject({ next: { leaseSeconds: 30 * 86_400 } });
    expect(answerVerification(sub(), q('publish'), 0).status).toBe(400);
  });
});

describe('leases', () => {
  it('renews an active lease when a tenth (at least a minute) is left', () => {
    const s = sub({ state: 'active', attempts: 0, leaseSeconds: 36_000, expiresAt: 100_000_000 });
    expect(nextRequestAt(s)).toBe(100_000_000 - 3_600_000);
    expect(leaseAction(s, 100_000_000 - 3_600_001)).toBe('none');
    expect(leaseAction(s, 100_000_000 - 3_600_000)).toBe('subscribe');
    expect(nextRequestAt(sub({ state: 'active', attempts: 0, leaseSeconds: 120, expiresAt: 1_000_000 }))).toBe(1_000_000 - 60_000);
  });
  it('backs off a request the hub never verifies, doubling per attempt up to a cap', () => {
    expect(nextRequestAt(sub({ attempts: 1, requestedAt: 0 }))).toBe(60_000);
    expect(nextRequestAt(sub({ attempts: 3, requestedAt: 0 }))).toBe(240_000);
    expect(nextRequestAt(sub({ attempts: 40, requestedAt: 0 }))).toBe(6 * 3_600_000);
    expect(nextRequestAt(sub({ state: 'active', attempts: 2, requestedAt: 0, leaseSeconds: 120, expiresAt: 100_000 }))).toBe(120_000);
  });
  it('leaves denied subscriptions to polling and accepts content only within an active lease', () => {
    expect(nextRequestAt(sub({ state: 'denied' }))).toBeNull();
    expect(acceptsContent(sub({ state: 'active', expiresAt: 10 }), 9)).toBe(true);
    expect(acceptsContent(sub({ state: 'active', expiresAt: 10 }), 10)).toBe(false);
    expect(acceptsContent(sub(), 0)).toBe(false);
    expect(acceptsContent(null, 0)).toBe(false);
  });
});
