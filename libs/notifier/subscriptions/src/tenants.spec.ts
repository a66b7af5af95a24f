import { subscriberSchema, type Subscriber } from './subscriber';
import { TenantRegistry } from './tenants';

const tenant = (id: string, sha = 'a'.repeat(64)) => ({ id, name: id, createdAt: '2026-12-01T00:00:00.000Z', apiKeys: [{ id: `key_${id}`, sha256: sha, createdAt: '2026-12-01T00:00:00.000Z' }] });
const sub = (id: string): Subscriber => subscriberSchema.parse({ id, channels: ['console'], watchlist: {}, active: true });

describe('TenantRegistry', () => {
  it('should find a subscriber only within its own tenant', () => {
    const r = new TenantRegistry();
    r.applyTenant('tn_a', tenant('tn_a'));
    r.applyTenant('tn_b', tenant('tn_b', 'b'.repeat(64)));
    r.applySubscriber('tn_a', 'alice', sub('alice'));
    expect(r.subscriber('tn_a', 'alice')?.id).toBe('alice');
    expect(r.subscriber('tn_b', 'alice')).toBeUndefined();
    expect(r.subscribersOf('tn_b')).toEqual([]);
  });

  it('should give every tenant\'s subscriber a global id so equal local ids stay apart', () => {
    const r = new TenantRegistry();
    r.applyTenant('tn_a', tenant('tn_a'));
    r.applyTenant('tn_b', tenant('tn_b', 'b'.repeat(64)));
    r.applySubscriber('tn_a', 'alice', sub('alice'));
    r.applySubscriber('tn_b', 'alice', sub('alice'));
    expect(r.allSubscribers().map((s) => s.id).sort()).toEqual(['tn_a.alice', 'tn_b.alice']);
  });

  it('should forget a revoked key and a deleted subscriber when their new state is applied', () => {
    const r = new TenantRegistry();
    r.applyTenant('tn_a', tenant('tn_a'));
    expect(r.tenantForKeyHash('a'.repeat(64))?.id).toBe('tn_a');
    r.applyTenant('tn_a', { ...tenant('tn_a'), apiKeys: [] });
    expect(r.tenantForKeyHash('a'.repeat(64))).toBeUndefined();
    r.applySubscriber('tn_a', 'alice', sub('alice'));
    r.applySubscriber('tn_a', 'alice', null);
    expect(r.countOf('tn_a')).toBe(0);
  });

  it('should leave out subscribers whose tenant is gone', () => {
    const r = new TenantRegistry();
    r.applySubscriber('tn_x', 'alice', sub('alice'));
    expect(r.allSubscribers()).toEqual([]);
  });
});
