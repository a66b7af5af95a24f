import { z } from 'zod';
import { envelopeSchema } from '../envelope';

/**
 * A message that could not be handled, kept whole (base64) so nothing is lost and it can be replayed.
 * When the whole would not fit in one Kafka message, valueBase64 holds only a prefix, valueTruncated
 * is true, and valueSha256 / valueBytes still identify the original. The three fields came later and
 * are optional, so dead letters written before them still parse.
 */
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
  /** Hex SHA-256 of the original value bytes. */
  valueSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  /** Byte size of the original value. */
  valueBytes: z.number().int().min(0).optional(),
  /** valueBase64 is a prefix only: the record cannot be replayed from this dead letter. */
  valueTruncated: z.boolean().optional(),
  headers: z.record(z.string(), z.string()),
  failedAt: z.iso.datetime({ offset: true }),
});
export type DeadLetterV1 = z.infer<typeof deadLetterV1Payload>;

export const DEAD_LETTER_V1 = 'dead-letter' as const;
export const deadLetterV1 = envelopeSchema(DEAD_LETTER_V1, 1, deadLetterV1Payload);
