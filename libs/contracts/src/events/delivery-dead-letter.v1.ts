import { z } from 'zod';
import { envelopeSchema } from '../envelope';

/**
 * A delivery given up after its last attempt, for operators. The ledger record of the same key
 * (state `dead`) is what `replay --deliveries` re-drives; this topic says why it died.
 */
export const deliveryDeadLetterV1Payload = z.object({
  key: z.string().min(1).max(1_000),
  subscriberId: z.string().min(1).max(200),
  channel: z.string().min(1).max(50),
  /** The collaborations in the message: one for an alert, every item of a digest. */
  collaborationIds: z.array(z.string().min(1).max(200)).min(1),
  periodKey: z.string().max(200).nullable(),
  attempts: z.number().int().min(0),
  code: z.string().max(100),
  reason: z.string().max(2_000),
  firstAttemptAt: z.iso.datetime({ offset: true }),
  failedAt: z.iso.datetime({ offset: true }),
});
export type DeliveryDeadLetterV1 = z.infer<typeof deliveryDeadLetterV1Payload>;

export const DELIVERY_DEAD_LETTER_V1 = 'delivery.dead-letter' as const;
export const deliveryDeadLetterV1 = envelopeSchema(DELIVERY_DEAD_LETTER_V1, 1, deliveryDeadLetterV1Payload);
