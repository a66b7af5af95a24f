import type { DeadLetterV1, DeliveryDeadLetterV1, DeliveryRecordV1, OpsEventV1 } from '@pharma-radar/contracts';

export interface DeadLetterGroup {
  originalTopic: string;
  consumerGroup: string;
  reason: string;
  count: number;
  /** Replayable from the dead letter itself (false when only a prefix of the record was kept). */
  replayable: number;
  lastAt: string;
  lastMessage: string;
  /** What an operator runs to re-drive them (ADR 0005); dry run first. */
  replayCommand: string;
}

interface Grouped {
  count: number;
  lastAt: string;
  lastMessage: string;
}

/** Items counted per key, each group with its newest time and message; most recent group first. */
function groupNewestFirst<T, G extends Grouped>(items: Iterable<T>, keyOf: (t: T) => unknown[], start: (t: T) => G, at: (t: T) => string, message: (t: T) => string, also?: (g: G, t: T) => void): G[] {
  const groups = new Map<string, G>();
  for (const t of items) {
    const key = JSON.stringify(keyOf(t));
    const g = groups.get(key) ?? start(t);
    g.count++;
    also?.(g, t);
    if (Date.parse(at(t)) >= Date.parse(g.lastAt)) {
      g.lastAt = at(t);
      g.lastMessage = message(t);
    }
    groups.set(key, g);
  }
  return [...groups.values()].sort((x, y) => Date.parse(y.lastAt) - Date.parse(x.lastAt));
}

/** Dead letters grouped by topic, consumer group and error code, most recent group first. */
export function deadLettersByReason(letters: Iterable<DeadLetterV1>): DeadLetterGroup[] {
  return groupNewestFirst(
    letters,
    (d) => [d.originalTopic, d.consumerGroup, d.errorCode],
    (d): DeadLetterGroup => ({
      originalTopic: d.originalTopic, consumerGroup: d.consumerGroup, reason: d.errorCode, count: 0, replayable: 0, lastAt: d.failedAt, lastMessage: d.errorMessage,
      replayCommand: `npm run -s cli -- replay --topic ${d.originalTopic} --reason ${d.errorCode} --group ${d.consumerGroup} --dry-run`,
    }),
    (d) => d.failedAt,
    (d) => d.errorMessage,
    (g, d) => {
      if (!d.valueTruncated) g.replayable++;
    },
  );
}

export interface DeliveryDeadLetterGroup {
  channel: string;
  reason: string;
  count: number;
  lastAt: string;
  lastMessage: string;
}

/** Deliveries given up after their last attempt, by channel and code, most recent first (`replay --deliveries` re-drives them). */
export function deliveryDeadLettersByReason(letters: Iterable<DeliveryDeadLetterV1>): DeliveryDeadLetterGroup[] {
  return groupNewestFirst(letters, (d) => [d.channel, d.code], (d) => ({ channel: d.channel, reason: d.code, count: 0, lastAt: d.failedAt, lastMessage: d.reason }), (d) => d.failedAt, (d) => d.reason);
}

/** Delivery states as an operator reads them: a pending delivery that already failed once is retrying. */
export const DELIVERY_STATUSES = ['sent', 'pending', 'retrying', 'failed', 'disabled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface ChannelStatus {
  channel: string;
  /** null: not known where these figures come from (see `channelsFromOutcomes`). */
  counts: Record<DeliveryStatus, number | null>;
  /** Subscriber channels switched off after a permanent refusal, with why. */
  disabled: Array<{ subscriberId: string; code: string; reason: string; at: string }>;
  lastFailure: { code: string | null; reason: string | null; at: string } | null;
}

/**
 * The ledger (every record, in log order) folded to the latest state per delivery, counted per channel, with the
 * channels that ops events say are disabled now. `failed` is rejected or dead (retries exhausted).
 */
export function deliveryStatus(ledger: Iterable<DeliveryRecordV1>, opsEvents: Iterable<OpsEventV1>): ChannelStatus[] {
  const latest = new Map<string, DeliveryRecordV1>();
  for (const r of ledger) latest.set(r.key, r);
  const disabledNow = new Map<string, Extract<OpsEventV1, { type: 'channel-disabled' }>>();
  for (const e of opsEvents) {
    const k = JSON.stringify([e.subscriberId, e.channel]);
    if (e.type === 'channel-disabled') disabledNow.set(k, e);
    else disabledNow.delete(k);
  }
  const byChannel = new Map<string, ChannelStatus>();
  const of = (channel: string) => {
    let s = byChannel.get(channel);
    if (!s) byChannel.set(channel, (s = { channel, counts: { sent: 0, pending: 0, retrying: 0, failed: 0, disabled: 0 }, disabled: [], lastFailure: null }));
    return s;
  };
  for (const r of latest.values()) {
    const s = of(r.channel);
    const status: DeliveryStatus = r.state === 'sent' ? 'sent' : r.state === 'pending' ? (r.attempts > 0 ? 'retrying' : 'pending') : 'failed';
    s.counts[status] = (s.counts[status] ?? 0) + 1;
    if (r.code && (!s.lastFailure || Date.parse(r.at) > Date.parse(s.lastFailure.at))) s.lastFailure = { code: r.code, reason: r.reason, at: r.at };
  }
  for (const e of disabledNow.values()) {
    const s = of(e.channel);
    s.counts.disabled = (s.counts.disabled ?? 0) + 1;
    s.disabled.push({ subscriberId: e.subscriberId, code: e.code, reason: e.reason, at: e.at });
  }
  return [...byChannel.values()].sort((a, b) => a.channel.localeCompare(b.channel));
}

/**
 * Per channel from a notifier's outcome counters (`pharma_radar_notifier_deliveries_total{channel,outcome}`: sent,
 * retry, rejected, dead), when its ledger cannot be read: settled deliveries only. What is pending, retrying or
 * disabled now is not in a counter, so those stay null rather than 0.
 */
export function channelsFromOutcomes(counters: Iterable<{ channel: string; outcome: string; value: number }>): ChannelStatus[] {
  const byChannel = new Map<string, ChannelStatus>();
  for (const { channel, outcome, value } of counters) {
    const s = byChannel.get(channel) ?? { channel, counts: { sent: 0, pending: null, retrying: null, failed: 0, disabled: null }, disabled: [], lastFailure: null };
    if (outcome === 'sent') s.counts.sent = (s.counts.sent ?? 0) + value;
    else if (outcome === 'rejected' || outcome === 'dead') s.counts.failed = (s.counts.failed ?? 0) + value;
    byChannel.set(channel, s);
  }
  return [...byChannel.values()].sort((a, b) => a.channel.localeCompare(b.channel));
}

export interface PartitionOffsets {
  partition: number;
  /** Next offset to be written (the log end). */
  high: string;
  /** The group's committed offset; null (or "-1") when it never committed on this partition. */
  committed: string | null;
}

export interface GroupLag {
  group: string;
  topic: string;
  lag: number;
  /** Records handled (committed) since the previous sample, per second; null without one. */
  perSecond: number | null;
  committedTotal: number;
}

/** Lag of one group on one topic: records written and not yet committed, summed over partitions. */
export function groupLag(group: string, topic: string, partitions: readonly PartitionOffsets[]): Omit<GroupLag, 'perSecond'> {
  let lag = 0;
  let committedTotal = 0;
  for (const p of partitions) {
    const high = Number(p.high);
    const committed = p.committed === null || Number(p.committed) < 0 ? 0 : Number(p.committed);
    lag += Math.max(0, high - committed);
    committedTotal += committed;
  }
  return { group, topic, lag, committedTotal };
}

/** Throughput from two samples of committed totals; null when there is no earlier sample or the clock did not move. */
export function throughput(previous: { committedTotal: number; at: number } | undefined, now: { committedTotal: number; at: number }): number | null {
  if (!previous || now.at <= previous.at) return null;
  return Math.max(0, now.committedTotal - previous.committedTotal) / ((now.at - previous.at) / 1000);
}

/** The running model's evaluation figures, as the operator view shows them. */
export interface ModelCard {
  version: string;
  /** How the figures were made (cross-validation folds), when known. */
  folds: number | null;
  evaluations: Array<{ name: string; figures: Record<string, number> }>;
  trainedOn: Record<string, number>;
}

/** A model card from a weights file's own record of its evaluation (`cv`: name → figures, plus `folds`). */
export function modelCardFrom(weights: { modelVersion: string; cv?: Record<string, unknown>; trainedOn?: Record<string, number> }): ModelCard {
  const evaluations: ModelCard['evaluations'] = [];
  let folds: number | null = null;
  for (const [name, value] of Object.entries(weights.cv ?? {})) {
    if (name === 'folds' && typeof value === 'number') folds = value;
    else if (value && typeof value === 'object') {
      const figures = Object.fromEntries(Object.entries(value).filter((e): e is [string, number] => typeof e[1] === 'number'));
      if (Object.keys(figures).length) evaluations.push({ name, figures });
    }
  }
  return { version: weights.modelVersion, folds, evaluations, trainedOn: weights.trainedOn ?? {} };
}
