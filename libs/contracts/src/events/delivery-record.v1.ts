import { z } from 'zod';
import { envelopeSchema } from '../envelope';
import { collaborationFlaggedV1Payload } from './collaboration-flagged.v1';

/**
 * Where one delivery stands: `pending` until a worker settles it as `sent`, `rejected` (the channel
 * will never accept it) or `dead` (retries exhausted; `replay --deliveries` makes it `pending` again).
 */
export const DELIVERY_STATES = ['pending', 'sent', 'rejected', 'dead'] as const;
export const deliveryStateSchema = z.enum(DELIVERY_STATES);
export type DeliveryState = z.infer<typeof deliveryStateSchema>;

/**
 * One record of the notifier's durable ledger, on a compacted topic keyed by `key`: the latest
 * record per key is the state of that delivery. It carries the whole flag, so a lost job queue can
 * be rebuilt from the ledger alone.
 */
export const deliveryRecordV1Payload = z.object({
  /** deliveryKey() for an alert, digestItemKey() for a digest item. */
  key: z.string().min(1).max(1_000),
  kind: z.enum(['alert', 'digest-item']),
  state: deliveryStateSchema,
  attempts: z.number().int().min(0),
  /** Delivery code and message of the last failed attempt; null while nothing failed. */
  code: z.string().max(100).nullable(),
  reason: z.string().max(2_000).nullable(),
  at: z.iso.datetime({ offset: true }),
  subscriberId: z.string().min(1).max(200),
  channel: z.string().min(1).max(50),
  collaborationId: z.string().min(1).max(200),
  /** Digest period the item belongs to (fixed by the flag's time); null for an alert. */
  periodKey: z.string().max(200).nullable(),
  /** Earliest time the delivery may go out (quiet hours, period end). */
  notBefore: z.iso.datetime({ offset: true }),
  flag: collaborationFlaggedV1Payload,
});
export type DeliveryRecordV1 = z.infer<typeof deliveryRecordV1Payload>;

export const DELIVERY_RECORD_V1 = 'delivery.record' as const;
export const deliveryRecordV1 = envelopeSchema(DELIVERY_RECORD_V1, 1, deliveryRecordV1Payload);
