import { randomBytes } from 'node:crypto';
import { subscriptionKeys, subscriptionRecordV1, SUBSCRIPTION_RECORD_V1, type SubscriptionRecordV1 } from '@pharma-radar/contracts';
import {
  bearerKey, createSubscriberSchema, type SubscriberDirectory, hashApiKey, issueApiKey, looksLikeApiKey, TenantRegistry,
  type Resolution, type Subscriber, type Tenant, type VocabularyChecker, type WebhookUrlPolicy,
} from '@pharma-radar/notifier-subscriptions';
import { getLogger } from '@pharma-radar/platform-logging';
import { ApiError, ApiErrorCode, notFound, unauthorized } from './errors';
import { keepMaskedSecrets } from './present';
import type { SubscriptionLog } from './subscription-log';
import { validateSubscriberBody } from './validate';

export interface SubscriptionsServiceOptions {
  vocabulary: VocabularyChecker;
  webhookPolicy: WebhookUrlPolicy;
  /** Subscribers from SUBSCRIBERS_FILE (already validated): served as they are, not editable through the API. */
  seed: readonly Subscriber[];
  maxSubscribersPerTenant: number;
  maxApiKeysPerTenant?: number;
  now?: () => Date;
}

/**
 * File subscribers have no tenant; a change made to one through a link (unsubscribe) is stored under this
 * pseudo-tenant and overrides the file's record. No tenant record ever exists for it, so it has no API key.
 */
export const SEED_TENANT = 'seed';
const TENANT_SUBSCRIBER = /^(tn_[0-9a-f]{16})\.(.+)$/;

export interface Saved {
  subscriber: Subscriber;
  resolved: Resolution[];
  warnings: { path: string; message: string }[];
}

/**
 * Tenants, their keys and their subscribers. Every write goes to the log first and is applied here once the log
 * has it, so the state after a restart (read back from the log) is the state that was served before it.
 * Every read takes the caller's tenant: there is no path to another tenant's subscriber.
 */
export class SubscriptionsService implements SubscriberDirectory {
  private readonly registry = new TenantRegistry();
  private readonly listeners = new Set<(subscribers: readonly Subscriber[]) => void>();
  /** Creates under way, so 100 parallel creates of one id give one 201 and 99 conflicts, not 100 writes. */
  private readonly pending = new Map<string, number>();
  private snapshot?: { revision: number; list: readonly Subscriber[] };
  private readonly schema;
  private readonly log = getLogger(SubscriptionsService.name);
  private readonly now: () => Date;

  constructor(private readonly store: SubscriptionLog, private readonly opts: SubscriptionsServiceOptions) {
    this.schema = createSubscriberSchema(opts.webhookPolicy);
    this.now = opts.now ?? (() => new Date());
  }

  /** Reads the whole log; resolves when the state is complete, so nothing is served from a partial one. */
  async start(): Promise<void> {
    await this.store.start((key, value) => this.applyRecord(key, value));
    if (this.store.kind === 'memory') this.log.warn('subscriptions are kept in memory only: they do not survive a restart (set KAFKA_BROKERS)');
  }

  stop(): Promise<void> {
    return this.store.stop();
  }

  // --- directory (delivery side) ---

  list(): readonly Subscriber[] {
    if (this.snapshot?.revision !== this.registry.revision) {
      const seed = this.opts.seed.map((s) => this.registry.subscriber(SEED_TENANT, s.id) ?? s);
      this.snapshot = { revision: this.registry.revision, list: Object.freeze([...seed, ...this.registry.allSubscribers()]) };
    }
    return this.snapshot.list;
  }

  onChange(listener: (subscribers: readonly Subscriber[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // --- tenants and keys ---

  async createTenant(name: unknown): Promise<{ tenant: Tenant; apiKey: { id: string; key: string } }> {
    if (typeof name !== 'string' || name.trim().length === 0 || name.length > 200 || /\p{Cc}/u.test(name)) {
      throw new ApiError(400, ApiErrorCode.ValidationFailed, 'invalid tenant', [{ path: 'name', message: 'must be 1-200 characters without control characters' }]);
    }
    const key = issueApiKey();
    const createdAt = this.now().toISOString();
    const tenant: Tenant = { id: `tn_${randomBytes(8).toString('hex')}`, name: name.trim(), createdAt, apiKeys: [{ id: key.id, sha256: key.sha256, createdAt }] };
    await this.write(subscriptionKeys.tenant(tenant.id), { kind: 'tenant', tenant });
    return { tenant, apiKey: { id: key.id, key: key.key } };
  }

  /** The tenant an `Authorization: Bearer` header belongs to; 401 for anything else. */
  authenticate(authorization: string | undefined): Tenant {
    const key = bearerKey(authorization);
    if (!key || !looksLikeApiKey(key)) throw unauthorized();
    const tenant = this.registry.tenantForKeyHash(hashApiKey(key));
    if (!tenant) throw unauthorized();
    return tenant;
  }

  async addApiKey(tenant: Tenant): Promise<{ id: string; key: string; createdAt: string }> {
    const current = this.registry.tenant(tenant.id) ?? tenant;
    if (current.apiKeys.length >= (this.opts.maxApiKeysPerTenant ?? 10)) throw new ApiError(409, ApiErrorCode.QuotaExceeded, 'too many API keys: revoke one first');
    const key = issueApiKey();
    const createdAt = this.now().toISOString();
    await this.write(subscriptionKeys.tenant(current.id), { kind: 'tenant', tenant: { ...current, apiKeys: [...current.apiKeys, { id: key.id, sha256: key.sha256, createdAt }] } });
    return { id: key.id, key: key.key, createdAt };
  }

  async revokeApiKey(tenant: Tenant, keyId: string): Promise<void> {
    const current = this.registry.tenant(tenant.id) ?? tenant;
    if (!current.apiKeys.some((k) => k.id === keyId)) throw notFound();
    if (current.apiKeys.length === 1) throw new ApiError(409, ApiErrorCode.Conflict, 'the last API key cannot be revoked: create another first');
    await this.write(subscriptionKeys.tenant(current.id), { kind: 'tenant', tenant: { ...current, apiKeys: current.apiKeys.filter((k) => k.id !== keyId) } });
  }

  // --- subscribers, always within one tenant ---

  listSubscribers(tenant: Tenant): Subscriber[] {
    return this.registry.subscribersOf(tenant.id);
  }

  getSubscriber(tenant: Tenant, id: string): Subscriber {
    const s = this.registry.subscriber(tenant.id, id);
    if (!s) throw notFound();
    return s;
  }

  async createSubscriber(tenant: Tenant, body: unknown): Promise<Saved> {
    const input = this.validate(body);
    const id = input.subscriber.id;
    const slot = `${tenant.id}/${id}`;
    // Checked and reserved in one synchronous step: no await between the check and the reservation.
    if (this.registry.subscriber(tenant.id, id) || this.pending.has(slot)) {
      throw new ApiError(409, ApiErrorCode.Conflict, 'a subscriber with this id exists', [{ path: 'id', message: 'already exists' }]);
    }
    if (this.registry.countOf(tenant.id) + this.pendingOf(tenant.id) >= this.opts.maxSubscribersPerTenant) {
      throw new ApiError(409, ApiErrorCode.QuotaExceeded, `at most ${this.opts.maxSubscribersPerTenant} subscribers per tenant`);
    }
    this.pending.set(slot, 1);
    try {
      await this.write(subscriptionKeys.subscriber(tenant.id, id), { kind: 'subscriber', tenantId: tenant.id, subscriber: input.subscriber });
    } finally {
      this.pending.delete(slot);
    }
    return input;
  }

  async replaceSubscriber(tenant: Tenant, id: string, body: unknown): Promise<Saved> {
    const stored = this.getSubscriber(tenant, id);
    const withId = typeof body === 'object' && body !== null && !Array.isArray(body) && !('id' in body) ? { ...body, id } : body;
    const input = this.validate(keepMaskedSecrets(withId, stored));
    if (input.subscriber.id !== id) throw new ApiError(400, ApiErrorCode.ValidationFailed, 'invalid subscriber', [{ path: 'id', message: 'must equal the id in the path' }]);
    await this.write(subscriptionKeys.subscriber(tenant.id, id), { kind: 'subscriber', tenantId: tenant.id, subscriber: input.subscriber });
    return input;
  }

  async deleteSubscriber(tenant: Tenant, id: string): Promise<void> {
    this.getSubscriber(tenant, id);
    await this.append(subscriptionKeys.subscriber(tenant.id, id), null);
  }

  /**
   * One-click unsubscribe from one channel (the claims of a verified link token; the token is the credential).
   * Idempotent, so a replayed token changes nothing. Without a channel left the subscriber turns inactive.
   */
  async unsubscribe(subscriberId: string, channel: string): Promise<{ subscriberId: string; channel: string; changed: boolean }> {
    const m = TENANT_SUBSCRIBER.exec(subscriberId);
    const [tenantId, localId] = m ? [m[1], m[2]] : [SEED_TENANT, subscriberId];
    const current = this.registry.subscriber(tenantId, localId) ?? (tenantId === SEED_TENANT ? this.opts.seed.find((s) => s.id === localId) : undefined);
    if (!current || (tenantId !== SEED_TENANT && !this.registry.tenant(tenantId))) throw notFound();
    const channels = current.channels.filter((c) => c !== channel);
    if (channels.length === current.channels.length || !current.active) return { subscriberId, channel, changed: false };
    const next: Subscriber = channels.length > 0 ? { ...current, channels } : { ...current, active: false };
    await this.write(subscriptionKeys.subscriber(tenantId, localId), { kind: 'subscriber', tenantId, subscriber: next });
    this.log.info('unsubscribed through a link', { subscriberId, channel });
    return { subscriberId, channel, changed: true };
  }

  // --- log ---

  private validate(body: unknown): Saved {
    const result = validateSubscriberBody(body, this.opts.vocabulary, this.opts.webhookPolicy);
    if (!result.ok) throw new ApiError(400, ApiErrorCode.ValidationFailed, 'invalid subscriber', result.details);
    return result;
  }

  private pendingOf(tenantId: string): number {
    let n = 0;
    for (const slot of this.pending.keys()) if (slot.startsWith(`${tenantId}/`)) n++;
    return n;
  }

  private write(key: string, payload: SubscriptionRecordV1): Promise<void> {
    const envelope = { id: randomBytes(12).toString('hex'), type: SUBSCRIPTION_RECORD_V1, version: 1, occurredAt: this.now().toISOString(), correlationId: key, payload };
    return this.append(key, JSON.stringify(envelope));
  }

  private async append(key: string, value: string | null): Promise<void> {
    try {
      await this.store.append(key, value);
    } catch (err) {
      this.log.error('subscriptions log write failed', { key, reason: (err as Error).message });
      throw new ApiError(503, ApiErrorCode.StoreUnavailable, 'subscriptions store unavailable, try again');
    }
    // Applied now as well as when the log hands it back, so a client reads its own write at once; applying
    // the same record twice is harmless and the log's order wins in the end.
    this.applyRecord(key, value);
  }

  /** The one way state changes, for records read at start, followed later, or just written. Kafka bytes are untrusted. */
  private applyRecord(key: string, value: string | null): void {
    const k = subscriptionKeys.parse(key);
    if (!k) {
      this.log.warn('subscription record with an unknown key skipped', { key: key.slice(0, 200) });
      return;
    }
    if (value === null) {
      if (k.kind === 'tenant') this.registry.applyTenant(k.tenantId, null);
      else this.registry.applySubscriber(k.tenantId, k.subscriberId, null);
      this.changed();
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      this.log.error('subscription record is not JSON, skipped', { key });
      return;
    }
    const envelope = subscriptionRecordV1.safeParse(parsed);
    if (!envelope.success) {
      this.log.error('subscription record fails its contract, skipped', { key, issues: envelope.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`) });
      return;
    }
    const record = envelope.data.payload;
    if (record.kind === 'tenant' && k.kind === 'tenant' && record.tenant.id === k.tenantId) {
      this.registry.applyTenant(k.tenantId, record.tenant);
    } else if (record.kind === 'subscriber' && k.kind === 'subscriber' && record.tenantId === k.tenantId) {
      const s = this.schema.safeParse(record.subscriber);
      if (!s.success || s.data.id !== k.subscriberId) {
        this.log.error('stored subscriber fails the subscriber schema, skipped', { key });
        return;
      }
      this.registry.applySubscriber(k.tenantId, k.subscriberId, s.data);
    } else {
      this.log.error('subscription record does not match its key, skipped', { key });
      return;
    }
    this.changed();
  }

  private changed(): void {
    if (this.listeners.size === 0) return;
    const list = this.list();
    for (const l of this.listeners) {
      try {
        l(list);
      } catch (err) {
        this.log.error('subscriber directory listener failed', { reason: (err as Error).message });
      }
    }
  }
}
