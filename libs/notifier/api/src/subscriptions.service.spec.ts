import { subscriptionKeys } from '@pharma-radar/contracts';
import { createVocabularyChecker, parseSubscribers } from '@pharma-radar/notifier-subscriptions';
import { classifierVocabulary } from './classifier-vocabulary';
import { ApiError } from './errors';
import { MemorySubscriptionLog } from './subscription-log';
import { SubscriptionsService } from './subscriptions.service';

const vocabulary = createVocabularyChecker(classifierVocabulary());
const body = (id: string, extra: Record<string, unknown> = {}) => ({ id, channels: ['console'], watchlist: {}, ...extra });
const seedFile = parseSubscribers([{ id: 'from-file', channels: ['console'], watchlist: {}, active: true }]);

function service(log = new MemorySubscriptionLog(), max = 1_000) {
  if (!seedFile.ok) throw new Error('seed invalid');
  return new SubscriptionsService(log, { vocabulary, webhookPolicy: {}, seed: seedFile.subscribers, maxSubscribersPerTenant: max });
}
const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    return e instanceof ApiError ? `${e.status} ${e.code}` : String(e);
  }
};

describe('SubscriptionsService', () => {
  it('should rebuild tenants, keys and subscribers from the log when a new instance starts on it', async () => {
    const log = new MemorySubscriptionLog();
    const before = service(log);
    await before.start();
    const { tenant, apiKey } = await before.createTenant('Acme');
    await before.createSubscriber(tenant, body('a'));
    await before.createSubscriber(tenant, body('b'));
    await before.deleteSubscriber(tenant, 'b');
    await before.stop();

    const after = service(log);
    await after.start();
    const t = after.authenticate(`Bearer ${apiKey.key}`);
    expect(t.id).toBe(tenant.id);
    expect(after.listSubscribers(t).map((s) => s.id)).toEqual(['a']);
  });

  it('should store only the SHA-256 of an API key in the log', async () => {
    const log = new MemorySubscriptionLog();
    const s = service(log);
    await s.start();
    const { apiKey } = await s.createTenant('Acme');
    expect(JSON.stringify(log.entries())).not.toContain(apiKey.key);
  });

  it('should keep tenants apart when both use the same subscriber id', async () => {
    const s = service();
    await s.start();
    const a = (await s.createTenant('A')).tenant;
    const b = (await s.createTenant('B')).tenant;
    await s.createSubscriber(a, body('same', { name: 'of A' }));
    expect(await codeOf(Promise.resolve().then(() => s.getSubscriber(b, 'same')))).toBe('404 NOT_FOUND');
    expect(await codeOf(s.deleteSubscriber(b, 'same'))).toBe('404 NOT_FOUND');
    expect(await codeOf(s.replaceSubscriber(b, 'same', body('same')))).toBe('404 NOT_FOUND');
    await s.createSubscriber(b, body('same', { name: 'of B' }));
    expect(s.getSubscriber(a, 'same').name).toBe('of A');
  });

  it('should list file subscribers and API subscribers with tenant-qualified ids for delivery, and signal changes', async () => {
    const s = service();
    await s.start();
    const seen: string[][] = [];
    s.onChange((list) => seen.push(list.map((x) => x.id)));
    const { tenant } = await s.createTenant('A');
    await s.createSubscriber(tenant, body('desk'));
    expect(s.list().map((x) => x.id)).toEqual(['from-file', `${tenant.id}.desk`]);
    expect(seen.at(-1)).toEqual(['from-file', `${tenant.id}.desk`]);
  });

  it('should refuse with 401 when the key is missing, malformed, or unknown', async () => {
    const s = service();
    await s.start();
    for (const header of [undefined, '', 'Bearer', 'Bearer prk_short', `Bearer prk_${'A'.repeat(43)}`]) {
      expect(() => s.authenticate(header)).toThrow(expect.objectContaining({ status: 401 }));
    }
  });

  it('should skip records that fail the contract or the subscriber schema instead of stopping', async () => {
    const log = new MemorySubscriptionLog();
    const first = service(log);
    await first.start();
    const { tenant } = await first.createTenant('A');
    await log.append(subscriptionKeys.subscriber(tenant.id, 'junk'), 'not json');
    await log.append(subscriptionKeys.subscriber(tenant.id, 'bad'), JSON.stringify({ id: 'e', type: 'subscription.record', version: 1, occurredAt: '2026-12-01T00:00:00Z', correlationId: 'c', payload: { kind: 'subscriber', tenantId: tenant.id, subscriber: { id: 'bad', role: 'operator' } } }));
    await log.append('unknown/key', null);
    await first.createSubscriber(tenant, body('good'));

    const second = service(log);
    await second.start();
    expect(second.listSubscribers(tenant).map((x) => x.id)).toEqual(['good']);
  });

  it('should refuse the create beyond the quota with QUOTA_EXCEEDED', async () => {
    const s = service(undefined, 2);
    await s.start();
    const { tenant } = await s.createTenant('A');
    await s.createSubscriber(tenant, body('one'));
    await s.createSubscriber(tenant, body('two'));
    expect(await codeOf(s.createSubscriber(tenant, body('three')))).toBe('409 QUOTA_EXCEEDED');
  });

  it('should answer 503 and change nothing when the log refuses the write', async () => {
    const log = new MemorySubscriptionLog();
    const s = service(log);
    await s.start();
    const { tenant } = await s.createTenant('A');
    jest.spyOn(log, 'append').mockRejectedValueOnce(new Error('broker down'));
    expect(await codeOf(s.createSubscriber(tenant, body('lost')))).toBe('503 STORE_UNAVAILABLE');
    expect(s.listSubscribers(tenant)).toEqual([]);
    // The id is free again: the failed create reserved it only while it ran.
    expect(await codeOf(s.createSubscriber(tenant, body('lost')))).toBe('resolved');
  });

  it('should keep a file subscriber\'s unsubscribe across a restart, as an override of the file record', async () => {
    const log = new MemorySubscriptionLog();
    const first = service(log);
    await first.start();
    expect(await first.unsubscribe('from-file', 'console')).toEqual({ subscriberId: 'from-file', channel: 'console', changed: true });
    const second = service(log);
    await second.start();
    expect(second.list().find((x) => x.id === 'from-file')).toEqual(expect.objectContaining({ active: false }));
    expect(await codeOf(second.unsubscribe('no-such-file-subscriber', 'email'))).toBe('404 NOT_FOUND');
  });

  it('should keep the revoked-last-key rule: a tenant always has a key', async () => {
    const s = service();
    await s.start();
    const { tenant, apiKey } = await s.createTenant('A');
    expect(await codeOf(s.revokeApiKey(tenant, apiKey.id))).toBe('409 CONFLICT');
  });
});
