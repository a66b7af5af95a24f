import { z } from 'zod';
import { envelopeSchema } from '../envelope';

/*
 * WARNING: the topic name and the record keys are a wire contract. The topic is compacted: the latest
 * record per key is the state, a null value (tombstone) deletes it. Renaming the topic or changing a key
 * shape loses every subscription at the next start: a migration (copy, then switch), never an edit here.
 *
 * Not in `Topics`: no MessageBus consumer group reads it. The notifier reads it whole from the beginning at
 * every start and keeps following it (libs/notifier/api), which needs tombstones and a read-to-the-end the
 * bus does not offer. See docs/adr/0006-subscriptions-store.md.
 */
export const SUBSCRIPTIONS_TOPIC = 'pharma-radar.subscriptions.v1';
/** One partition: a few thousand small records, and one total order makes "tenant deleted, then its subscribers" simple. */
export const SUBSCRIPTIONS_TOPIC_PARTITIONS = 1;
export const SUBSCRIPTION_RECORD_V1 = 'subscription.record' as const;

const id = z.string().min(1).max(100);

export const tenantStateV1 = z.object({
  id,
  name: z.string().min(1).max(200),
  createdAt: z.iso.datetime({ offset: true }),
  /** Only SHA-256 digests of API keys; the keys themselves are shown once and never stored. */
  apiKeys: z.array(z.object({ id, sha256: z.string().regex(/^[0-9a-f]{64}$/), createdAt: z.iso.datetime({ offset: true }) })).max(20),
});
export type TenantStateV1 = z.infer<typeof tenantStateV1>;

export const subscriptionRecordV1Payload = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tenant'), tenant: tenantStateV1 }),
  z.object({
    kind: z.literal('subscriber'),
    tenantId: id,
    /** The whole subscriber record; its shape is owned and validated by notifier-subscriptions' schema. */
    subscriber: z.record(z.string(), z.unknown()),
  }),
]);
export type SubscriptionRecordV1 = z.infer<typeof subscriptionRecordV1Payload>;
export const subscriptionRecordV1 = envelopeSchema(SUBSCRIPTION_RECORD_V1, 1, subscriptionRecordV1Payload);

/** Record keys: `tenant/<tenantId>` and `subscriber/<tenantId>/<subscriberId>`. */
export const subscriptionKeys = {
  tenant: (tenantId: string) => `tenant/${tenantId}`,
  subscriber: (tenantId: string, subscriberId: string) => `subscriber/${tenantId}/${subscriberId}`,
  parse(key: string): { kind: 'tenant'; tenantId: string } | { kind: 'subscriber'; tenantId: string; subscriberId: string } | null {
    const parts = key.split('/');
    if (parts.length === 2 && parts[0] === 'tenant' && parts[1]) return { kind: 'tenant', tenantId: parts[1] };
    if (parts.length === 3 && parts[0] === 'subscriber' && parts[1] && parts[2]) return { kind: 'subscriber', tenantId: parts[1], subscriberId: parts[2] };
    return null;
  },
};

export const subscriptionRecordV1Example: SubscriptionRecordV1 = {
  kind: 'subscriber',
  tenantId: 'tn_0123456789abcdef',
  subscriber: { id: 'bd-team', channels: ['email'], email: 'bd@pharma.example', watchlist: { therapeuticAreas: ['oncology'] }, active: true },
};
