import type { Subscriber } from './subscriber';

export interface ApiKeyRecord {
  id: string;
  sha256: string;
  createdAt: string;
}

export interface Tenant {
  id: string;
  name: string;
  createdAt: string;
  apiKeys: ApiKeyRecord[];
}

export const TENANT_ID = /^tn_[0-9a-f]{16}$/;

/**
 * The subscriptions of every tenant, rebuilt by applying the durable log in order. Pure and synchronous:
 * the adapter that reads the log and the API that writes it both go through `applyTenant`/`applySubscriber`,
 * so what a restart rebuilds is exactly what was served before it.
 */
export class TenantRegistry {
  private readonly tenants = new Map<string, Tenant>();
  private readonly subscribers = new Map<string, Map<string, Subscriber>>();
  private readonly tenantByKeyHash = new Map<string, string>();
  private version = 0;

  /** Grows on every change: a cheap way for readers to know their snapshot is stale. */
  get revision(): number {
    return this.version;
  }

  applyTenant(id: string, tenant: Tenant | null): void {
    const old = this.tenants.get(id);
    if (old) for (const k of old.apiKeys) this.tenantByKeyHash.delete(k.sha256);
    if (tenant) {
      this.tenants.set(id, tenant);
      for (const k of tenant.apiKeys) this.tenantByKeyHash.set(k.sha256, id);
    } else {
      this.tenants.delete(id);
    }
    this.version++;
  }

  applySubscriber(tenantId: string, subscriberId: string, subscriber: Subscriber | null): void {
    let forTenant = this.subscribers.get(tenantId);
    if (subscriber) {
      if (!forTenant) this.subscribers.set(tenantId, (forTenant = new Map()));
      forTenant.set(subscriberId, subscriber);
    } else if (forTenant) {
      forTenant.delete(subscriberId);
      if (forTenant.size === 0) this.subscribers.delete(tenantId);
    }
    this.version++;
  }

  tenant(id: string): Tenant | undefined {
    return this.tenants.get(id);
  }

  tenantForKeyHash(sha256: string): Tenant | undefined {
    const id = this.tenantByKeyHash.get(sha256);
    return id === undefined ? undefined : this.tenants.get(id);
  }

  /** Only ever within one tenant: no method takes a subscriber id without its tenant. */
  subscriber(tenantId: string, subscriberId: string): Subscriber | undefined {
    return this.subscribers.get(tenantId)?.get(subscriberId);
  }

  subscribersOf(tenantId: string): Subscriber[] {
    return [...(this.subscribers.get(tenantId)?.values() ?? [])];
  }

  countOf(tenantId: string): number {
    return this.subscribers.get(tenantId)?.size ?? 0;
  }

  /**
   * Every subscriber of every live tenant, ids made global as `<tenantId>.<subscriberId>` so two tenants'
   * "alice" get distinct delivery keys. A subscriber whose tenant is gone is left out.
   */
  allSubscribers(): Subscriber[] {
    const out: Subscriber[] = [];
    for (const [tenantId, list] of this.subscribers) {
      if (!this.tenants.has(tenantId)) continue;
      for (const s of list.values()) out.push({ ...s, id: globalSubscriberId(tenantId, s.id) });
    }
    return out;
  }
}

export function globalSubscriberId(tenantId: string, subscriberId: string): string {
  return `${tenantId}.${subscriberId}`;
}
