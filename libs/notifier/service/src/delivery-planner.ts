import type { CollaborationFlaggedV1, DeliveryRecordV1 } from '@pharma-radar/contracts';
import {
  deliveryKey, deliveryPrefsOf, digestItemKey, digestJobId, digestPeriod, matchSubscribers, releaseAt,
} from '@pharma-radar/notifier-subscriptions';
import { getLogger } from '@pharma-radar/platform-logging';
import { counter } from '@pharma-radar/platform-health';
import type { ChannelStatus } from './channel-status';
import type { DeliveryClaims } from './delivery-claims';
import type { SubscriberSource } from './subscriber-source';
import type { DeliveryLedger } from './delivery-ledger';
import type { AddOptions, DeliveryJob, JobQueue } from './job-queue';

const tooOld = counter('pharma_radar_notifier_flags_too_old_total', 'Flags older than the ledger retention, never planned (their deliveries may have been forgotten)');

export interface Planned {
  job: DeliveryJob;
  add: AddOptions;
}

/**
 * Decides who hears about a flag, when and how, and records it: a `pending` ledger record per
 * (subscriber, channel, collaboration) and a queued job. Never sends; a worker does.
 */
export class DeliveryPlanner {
  private readonly log = getLogger('DeliveryPlanner');

  constructor(
    private readonly subscribers: SubscriberSource,
    private readonly ledger: DeliveryLedger,
    private readonly status: ChannelStatus,
    private readonly queue: JobQueue,
    private readonly claims: DeliveryClaims,
    /** The ledger's retention: a flag older than this may have had its deliveries tombstoned, so it is not planned. */
    private readonly retentionMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** `flaggedAt` (the flag event's time) fixes the digest period, so a redelivered flag lands in the same one. */
  async plan(flag: CollaborationFlaggedV1, flaggedAt: Date): Promise<number> {
    // Later copies of an announcement only enrich the event; an alert goes out once, for revision 1.
    if (flag.revision > 1) return 0;
    const now = new Date(this.now());
    if (now.getTime() - flaggedAt.getTime() > this.retentionMs) {
      tooOld.inc();
      this.log.warn('flag older than the ledger retention; not alerted', { collaborationId: flag.collaborationId, flaggedAt: flaggedAt.toISOString() });
      return 0;
    }
    let records: DeliveryRecordV1[] = [];
    const jobs = new Map<string, Planned>();
    for (const { subscriber, channels } of matchSubscribers(flag, this.subscribers.list())) {
      const prefs = deliveryPrefsOf(subscriber);
      for (const channel of channels) {
        if (this.status.isDisabled(subscriber.id, channel)) continue;
        const base = { subscriberId: subscriber.id, channel, collaborationId: flag.collaborationId, attempts: 0, code: null, reason: null, at: now.toISOString(), flag };
        if (prefs.plan.mode === 'immediate') {
          const key = deliveryKey(subscriber.id, channel, flag.collaborationId);
          const known = this.ledger.get(key);
          if (known && known.state !== 'pending') continue;
          const notBefore = known?.state === 'pending' ? new Date(known.record.notBefore) : releaseAt(now, prefs.quiet);
          if (!known) records.push({ ...base, key, kind: 'alert', state: 'pending', periodKey: null, notBefore: notBefore.toISOString() });
          jobs.set(key, { job: { kind: 'alert', key, subscriberId: subscriber.id, channel, flag, attempts: 0 }, add: { jobId: key, at: notBefore.getTime(), keepCompleted: true } });
        } else {
          const period = digestPeriod(prefs.plan, flaggedAt);
          const key = digestItemKey(subscriber.id, channel, period.key, flag.collaborationId);
          const known = this.ledger.get(key);
          if (known && known.state !== 'pending') continue;
          // A period that ended while we were down goes out now (outside quiet hours), not never.
          const notBefore = releaseAt(new Date(Math.max(period.end.getTime(), now.getTime())), prefs.quiet);
          if (!known) records.push({ ...base, key, kind: 'digest-item', state: 'pending', periodKey: period.key, notBefore: notBefore.toISOString() });
          const jobId = digestJobId(subscriber.id, channel, period.key);
          jobs.set(jobId, {
            job: { kind: 'digest', key: jobId, subscriberId: subscriber.id, channel, periodKey: period.key, period: prefs.plan.mode, attempts: 0 },
            add: { jobId, at: notBefore.getTime(), keepCompleted: false },
          });
        }
      }
    }
    // A delivery this ledger does not know may still have been sent a moment ago by another replica, whose `sent`
    // record this one has not read yet: the send's mark in Redis says so.
    const sent = await this.claims.sentOf(records.map((r) => r.key));
    if (sent.size) {
      records = records.filter((r) => !sent.has(r.key));
      for (const key of sent) jobs.delete(key);
    }
    // Ledger first: a crash between the two leaves a pending record, which the next start queues.
    await Promise.all(records.map((r) => this.ledger.record(r)));
    await Promise.all([...jobs.values()].map((p) => this.queue.add(p.job, p.add)));
    if (records.length) this.log.info('deliveries recorded', { collaborationId: flag.collaborationId, deliveries: records.length });
    return records.length;
  }

  /** Jobs for every pending ledger record: after a start, and (with a job id suffix) after a replay made dead ones pending. */
  static jobsFor(records: readonly DeliveryRecordV1[], suffix = ''): Planned[] {
    const redrive = suffix ? { redrive: true } : {};
    const jobs = new Map<string, Planned>();
    for (const r of records) {
      const channel = r.channel as DeliveryJob['channel'];
      const at = Date.parse(r.notBefore);
      if (r.kind === 'alert') {
        jobs.set(r.key, { job: { kind: 'alert', key: r.key, subscriberId: r.subscriberId, channel, flag: r.flag, attempts: 0, ...redrive }, add: { jobId: r.key + suffix, at, keepCompleted: true } });
      } else if (r.periodKey) {
        const jobId = digestJobId(r.subscriberId, channel, r.periodKey);
        const period = r.periodKey.startsWith('hourly@') ? 'hourly' : 'daily';
        jobs.set(jobId, { job: { kind: 'digest', key: jobId, subscriberId: r.subscriberId, channel, periodKey: r.periodKey, period, attempts: 0, ...redrive }, add: { jobId: jobId + suffix, at, keepCompleted: false } });
      }
    }
    return [...jobs.values()];
  }
}
