import type { Channel } from './subscriber';

/**
 * Idempotency key for "this subscriber has been told about this collaboration on this channel".
 *
 * `revision` is deliberately NOT part of it: syndicated copies of one announcement arrive as
 * revisions 2, 3… of the same collaborationId, and a subscriber must hear about the deal once, not
 * once per outlet. Later revisions may update what the dashboard shows, never re-alert.
 *
 * Components are percent-encoded so ids containing ':' cannot collide ("a:b"+"c" vs "a"+"b:c").
 * WARNING: stored in Redis as the dedup key; changing the format re-sends every recent alert.
 */
export function deliveryKey(subscriberId: string, channel: Channel, collaborationId: string): string {
  return `delivery:v1:${encodeURIComponent(subscriberId)}:${channel}:${encodeURIComponent(collaborationId)}`;
}

/** Idempotency key for one subscriber's digest of one UTC day (`day` as YYYY-MM-DD). */
export function digestKey(subscriberId: string, channel: Channel, day: string): string {
  return `digest:v1:${encodeURIComponent(subscriberId)}:${channel}:${encodeURIComponent(day)}`;
}
