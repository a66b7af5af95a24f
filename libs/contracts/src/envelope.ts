import { z } from 'zod';

/**
 * Every message on a Pharma Radar topic is one envelope: the payload plus what an operator needs to
 * trace it. `type` and `version` are explicit so a consumer never has to shape-sniff old payloads.
 */
export const envelopeSchema = <TType extends string, TPayload extends z.ZodTypeAny>(type: TType, version: number, payload: TPayload) =>
  z.object({
    id: z.string().min(1).max(200),
    type: z.literal(type),
    version: z.literal(version),
    occurredAt: z.iso.datetime({ offset: true }),
    correlationId: z.string().min(1).max(200),
    payload,
  });

export interface Envelope<TType extends string = string, TPayload = unknown> {
  id: string;
  type: TType;
  version: number;
  occurredAt: string;
  correlationId: string;
  payload: TPayload;
}

/** Header names are part of the wire contract: renaming one breaks running consumers. */
export const Headers = {
  correlationId: 'x-correlation-id',
  eventType: 'x-event-type',
  eventVersion: 'x-event-version',
  attempts: 'x-attempts',
} as const;
