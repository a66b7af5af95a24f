import { z } from 'zod';
import { envelopeSchema } from '../envelope';

/** A message that could not be handled, kept whole (base64) so nothing is lost and it can be replayed. */
export const deadLetterV1Payload = z.object({
  originalTopic: z.string().min(1),
  partition: z.number().int().nullable(),
  offset: z.string().nullable(),
  key: z.string().nullable(),
  consumerGroup: z.string().min(1),
  errorCode: z.string().min(1),
  errorMessage: z.string().max(4_000),
  attempts: z.number().int().min(0),
  valueBase64: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
  failedAt: z.iso.datetime({ offset: true }),
});
export type DeadLetterV1 = z.infer<typeof deadLetterV1Payload>;

export const DEAD_LETTER_V1 = 'dead-letter' as const;
export const deadLetterV1 = envelopeSchema(DEAD_LETTER_V1, 1, deadLetterV1Payload);
