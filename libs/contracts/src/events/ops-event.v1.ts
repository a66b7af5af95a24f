import { z } from 'zod';
import { envelopeSchema } from '../envelope';

/**
 * Something an operator must act on. Keyed by what it is about (`channel:<subscriber>:<channel>`),
 * on a compacted topic, so the latest event per subject is its current state and survives restarts.
 */
export const opsEventV1Payload = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('channel-disabled'),
    subscriberId: z.string().min(1).max(200),
    channel: z.string().min(1).max(50),
    /** The delivery code that disabled it (SLACK_CHANNEL_ARCHIVED, SMTP_REJECTED…). */
    code: z.string().max(100),
    reason: z.string().max(2_000),
    deliveryKey: z.string().max(1_000),
    at: z.iso.datetime({ offset: true }),
  }),
  z.object({
    type: z.literal('channel-enabled'),
    subscriberId: z.string().min(1).max(200),
    channel: z.string().min(1).max(50),
    at: z.iso.datetime({ offset: true }),
  }),
]);
export type OpsEventV1 = z.infer<typeof opsEventV1Payload>;

export const OPS_EVENT_V1 = 'ops.event' as const;
export const opsEventV1 = envelopeSchema(OPS_EVENT_V1, 1, opsEventV1Payload);

/** Compaction key of channel events: one current state per subscriber channel. */
export const channelOpsKey = (subscriberId: string, channel: string) => `channel:${encodeURIComponent(subscriberId)}:${channel}`;
