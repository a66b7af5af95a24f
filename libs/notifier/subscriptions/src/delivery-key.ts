import type { Channel } from './subscriber';

/**
 * Idempotency key for "this subscriber has been told about this collaboration on this channel".
 *
 * `revision` is deliberately NOT part of it: syndicated copies of one announcement arrive as
 * revisions 2, 3… of the same collaborationId, and a subscriber must hear about the deal once, not
 * once per outlet. Later revisions may update what the dashboard shows, never re-alert.
 *
 * Components are percent-encoded so ids containing ':' cannot collide ("a:b"+"c" vs "a"+"b:c").
 * WARNING: the ledger's compaction key and the queue's job id; changing the format re-sends every recent alert.
 */
export function deliveryKey(subscriberId: string, channel: Channel, collaborationId: string): string {
  return `delivery:v1:${encodeURIComponent(subscriberId)}:${channel}:${encodeURIComponent(collaborationId)}`;
}

/**
 * Ledger key of one collaboration inside one digest period: an item belongs to exactly one period
 * (fixed by its flag time), so it can be listed in one digest only.
 * WARNING: ledger compaction key; changing the format re-sends every pending digest item.
 */
export function digestItemKey(subscriberId: string, channel: Channel, periodKey: string, collaborationId: string): string {
  return `digest-item:v1:${encodeURIComponent(subscriberId)}:${channel}:${encodeURIComponent(periodKey)}:${encodeURIComponent(collaborationId)}`;
}

/**
 * Queue job id of one digest message: one per (subscriber, channel, period), so adding it again for
 * every item of the period is a no-op while it waits.
 * WARNING: a job id in the delivery queue; changing the format while digests wait sends them twice.
 */
export function digestJobId(subscriberId: string, channel: Channel, periodKey: string): string {
  return `digest:v1:${encodeURIComponent(subscriberId)}:${channel}:${encodeURIComponent(periodKey)}`;
}
