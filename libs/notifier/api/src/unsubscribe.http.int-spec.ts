import { signUnsubscribeToken } from '@pharma-radar/notifier-channels';
import { aSubscriberBody, aTenant, LINK_SECRET, OLD_LINK_SECRET, startApi, type TestApi } from './test/start-api';

// bad-inputs §3, unsubscribe requests: the one-click link target over real HTTP on 127.0.0.1.
describe('unsubscribe links over HTTP', () => {
  let api: TestApi;
  let tenant: { id: string; key: string };
  const NOW = Date.parse('2026-12-07T12:00:00Z');
  const token = (localId: string, opts: { secret?: string; channel?: string; expiresAt?: number } = {}) =>
    signUnsubscribeToken({ subscriberId: `${tenant.id}.${localId}`, channel: opts.channel ?? 'email', expiresAt: opts.expiresAt ?? NOW + 86_400_000 }, opts.secret ?? LINK_SECRET);
  const channelsOf = async (id: string) => {
    const r = await api.call('GET', `/v1/subscribers/${id}`, { key: tenant.key });
    return { channels: r.body.channels, active: r.body.active };
  };
  const oneClick = (t: string) =>
    api.call('POST', `/v1/unsubscribe?token=${encodeURIComponent(t)}`, { body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });

  beforeAll(async () => {
    api = await startApi({}, { now: () => NOW });
    tenant = await aTenant(api);
    for (const id of ['alice', 'bob', 'carol', 'dave']) {
      await api.call('POST', '/v1/subscribers', { key: tenant.key, body: aSubscriberBody(id, { channels: ['email', 'console'] }) });
    }
  });
  afterAll(() => api.close());

  it('should show a confirmation form and unsubscribe nobody when a valid link is only fetched with GET', async () => {
    const r = await api.call('GET', `/v1/unsubscribe?token=${token('alice')}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expect(r.text).toContain('method="post"');
    expect(await channelsOf('alice')).toEqual({ channels: ['email', 'console'], active: true });
  });

  it('should remove only the link\'s channel of only the link\'s subscriber when it is POSTed', async () => {
    const r = await oneClick(token('bob'));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ unsubscribed: true, channel: 'email' });
    expect(await channelsOf('bob')).toEqual({ channels: ['console'], active: true });
    expect(await channelsOf('alice')).toEqual({ channels: ['email', 'console'], active: true });
  });

  it('should answer a replayed token the same way and change nothing more', async () => {
    const t = token('carol');
    expect((await oneClick(t)).status).toBe(200);
    const after = await channelsOf('carol');
    expect((await oneClick(t)).status).toBe(200);
    expect(await channelsOf('carol')).toEqual(after);
  });

  it('should turn the subscriber inactive when its last channel is unsubscribed', async () => {
    await oneClick(token('dave', { channel: 'email' }));
    await oneClick(token('dave', { channel: 'console' }));
    expect(await channelsOf('dave')).toEqual({ channels: ['console'], active: false });
  });

  it('should accept a token of the previous key while it is still listed, and refuse one of a retired key', async () => {
    await api.call('POST', '/v1/subscribers', { key: tenant.key, body: aSubscriberBody('erin', { channels: ['email', 'console'] }) });
    const retired = await oneClick(token('erin', { secret: 'retired-link-secret-0123456789abcdef0123' }));
    expect({ status: retired.status, code: retired.body.error.code }).toEqual({ status: 400, code: 'INVALID_TOKEN' });
    expect(await channelsOf('erin')).toEqual({ channels: ['email', 'console'], active: true });
    expect((await oneClick(token('erin', { secret: OLD_LINK_SECRET }))).status).toBe(200);
  });

  it.each([
    ['a missing token', ''],
    ['a token of 10 KB', `${'A'.repeat(10_000)}.${'B'.repeat(43)}`],
    ['an expired token', 'EXPIRED'],
    ['a token whose claims were altered', 'ALTERED'],
  ])('should refuse %s with INVALID_TOKEN and change nothing', async (_what, raw) => {
    let t = raw;
    if (raw === 'EXPIRED') t = token('alice', { expiresAt: NOW - 1 });
    if (raw === 'ALTERED') {
      const [, mac] = token('bob').split('.');
      t = `${Buffer.from(JSON.stringify(['pr.unsubscribe.v1', `${tenant.id}.alice`, 'email', NOW + 1e6])).toString('base64url')}.${mac}`;
    }
    const path = t ? `/v1/unsubscribe?token=${encodeURIComponent(t)}` : '/v1/unsubscribe';
    for (const method of ['GET', 'POST']) {
      const r = await api.call(method, path);
      expect({ status: r.status, code: r.body?.error?.code }).toEqual({ status: 400, code: 'INVALID_TOKEN' });
    }
    expect(await channelsOf('alice')).toEqual({ channels: ['email', 'console'], active: true });
  });

  it('should answer 404 for a valid token whose subscriber no longer exists', async () => {
    await api.call('POST', '/v1/subscribers', { key: tenant.key, body: aSubscriberBody('gone') });
    await api.call('DELETE', '/v1/subscribers/gone', { key: tenant.key });
    const r = await oneClick(token('gone'));
    expect({ status: r.status, code: r.body.error.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
  });
});
