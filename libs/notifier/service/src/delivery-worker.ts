import { Topics, type DeliveryRecordV1 } from '@pharma-radar/contracts';
import type { ChannelProvider, DeliveryResult, Recipient } from '@pharma-radar/notifier-channels';
import { buildDigest, deliveryPrefsOf, renderAlert, releaseAt, type AlertMessage, type Subscriber } from '@pharma-radar/notifier-subscriptions';
import { counter, histogram } from '@pharma-radar/platform-health';
import { getLogger } from '@pharma-radar/platform-logging';
import type { MessageBus } from '@pharma-radar/platform-messaging';
import { randomUUID } from 'node:crypto';
import type { ChannelStatus } from './channel-status';
import { SEND_LEASE_MS, SENT_MARK_MS, type DeliveryClaims } from './delivery-claims';
import type { DeliveryLedger } from './delivery-ledger';
import type { DeliveryJob, JobOutcome } from './job-queue';
import type { SubscriberSource } from './subscriber-source';
import { paceKey, type Pacer } from './pacer';
import { nextRetry, type RetryPolicy } from './retry-policy';

const deliveries = counter('pharma_radar_notifier_deliveries_total', 'Deliveries by channel and outcome (sent, retry, rejected, dead)', ['channel', 'outcome']);
const alertLag = histogram('pharma_radar_alert_lag_seconds', 'From ingest to an instant alert handed to its channel', [], [1, 5, 15, 30, 60, 120, 300, 900, 3_600, 86_400]);

/** Ledger codes of outcomes decided here rather than by a channel (those use the channel's DeliveryCode). */
export enum WorkerCode {
  SubscriberUnknown = 'SUBSCRIBER_UNKNOWN',
  SubscriberInactive = 'SUBSCRIBER_INACTIVE',
  ChannelDisabled = 'CHANNEL_DISABLED',
  NoProvider = 'NO_PROVIDER',
}

/** Slots closer than this count as now: timers fire a little early or late. */
const SLOT_TOLERANCE_MS = 25;

export interface WorkerOptions {
  retry: RetryPolicy;
  /** At most one Slack message per this many ms per webhook URL. */
  slackIntervalMs: number;
}

/** Settles one delivery job: sends it once the time is right, then writes the outcome to the ledger. */
export class DeliveryWorker {
  private readonly log = getLogger('DeliveryWorker');
  private readonly providers: Map<string, ChannelProvider>;
  private byId = new WeakMap<readonly Subscriber[], Map<string, Subscriber>>();

  constructor(
    private readonly subscribers: SubscriberSource,
    providers: readonly ChannelProvider[],
    private readonly ledger: DeliveryLedger,
    private readonly status: ChannelStatus,
    private readonly pacer: Pacer,
    private readonly bus: MessageBus,
    private readonly claims: DeliveryClaims,
    private readonly opts: WorkerOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.providers = new Map(providers.map((p) => [p.channel, p]));
  }

  readonly handle = async (job: DeliveryJob): Promise<JobOutcome> => {
    if (job.redrive) {
      await this.reopen(job);
      job = { ...job, redrive: undefined };
    }
    let items = this.itemsOf(job);
    if (!items.length) return { kind: 'done' };
    const subscriber = this.subscriber(job.subscriberId);
    // Unknown may mean "not read yet" (the directory loads at start): retry; after the window it is dead, never silently dropped.
    if (!subscriber) return this.retryOrDie(job, items, WorkerCode.SubscriberUnknown, `subscriber ${job.subscriberId} not found`);
    if (!subscriber.active) return this.settle(job, items, 'rejected', WorkerCode.SubscriberInactive, 'subscriber inactive or unsubscribed');
    if (this.status.isDisabled(job.subscriberId, job.channel)) return this.settle(job, items, 'rejected', WorkerCode.ChannelDisabled, 'channel disabled after a permanent refusal');
    const provider = this.providers.get(job.channel);
    if (!provider) return this.settle(job, items, 'rejected', WorkerCode.NoProvider, `no provider configured for ${job.channel}`);

    const now = this.now();
    const release = releaseAt(new Date(now), deliveryPrefsOf(subscriber).quiet).getTime();
    if (release > now) return { kind: 'later', at: release, job: { ...job, slotAt: undefined } };

    const paced = await this.pace(job, subscriber, now);
    if (paced) return paced;

    // One holder per run: a stalled run of this same job is another holder, and must not send beside it.
    const holder = randomUUID();
    const claim = await this.claims.claim(job.key, holder, SEND_LEASE_MS, now);
    if (claim.kind === 'busy') return { kind: 'later', at: claim.retryAt, job };
    // Sent already (by this job before its ledger write failed, or by another worker): record it, never send again.
    const sentBefore = claim.kind === 'sent' ? new Set(items.map((i) => i.key)) : await this.claims.sentOf(job.kind === 'digest' ? items.map((i) => i.key) : []);
    if (sentBefore.size) {
      const done = items.filter((i) => sentBefore.has(i.key));
      this.log.info('delivery found sent; recording it without sending again', { key: job.key, items: done.length });
      await this.settle(job, done, 'sent', null, null, job.attempts);
      items = items.filter((i) => !sentBefore.has(i.key));
      if (!items.length) {
        if (claim.kind === 'claimed') await this.claims.release(job.key, holder);
        return { kind: 'done' };
      }
    }

    const message: AlertMessage = job.kind === 'alert' ? renderAlert(job.flag) : buildDigest(items.map((i) => i.flag), { period: job.period });
    const recipient = { ...subscriber, subscriberId: subscriber.id } as Recipient;
    let result: DeliveryResult;
    // Renewed while the send lasts, so a slow server never costs the claim; a kill stops the renewals.
    const renewal = setInterval(() => void this.claims.extend(job.key, holder, SEND_LEASE_MS).catch(() => undefined), SEND_LEASE_MS / 3);
    try {
      result = await provider.send(message, recipient, { idempotencyKey: job.key });
    } catch (err) {
      await this.claims.release(job.key, holder).catch(() => undefined);
      throw err;
    } finally {
      clearInterval(renewal);
    }
    if (result.status === 'sent') {
      // Before the ledger: should the ledger write fail, the job's next run finds "sent" here and only records it.
      await this.claims.markSent(job.kind === 'alert' ? [job.key] : items.map((i) => i.key), SENT_MARK_MS).catch((err: unknown) => {
        this.log.warn('marking a sent delivery in Redis failed; the ledger record still settles it', { key: job.key, err });
      });
      if (job.kind === 'digest') await this.claims.release(job.key, holder).catch(() => undefined);
    } else {
      await this.claims.release(job.key, holder).catch(() => undefined);
    }
    return this.afterAttempt(job, items, result);
  };

  /** The ledger records this job settles; none when it is settled already (a duplicate or a replayed job). */
  private itemsOf(job: DeliveryJob): DeliveryRecordV1[] {
    if (job.kind === 'digest') return this.ledger.itemsOf(job.subscriberId, job.channel, job.periodKey);
    const entry = this.ledger.get(job.key);
    if (entry?.state === 'pending') return [entry.record];
    // Settled, or dead (only a replay, which makes it pending first, sends a dead one again).
    if (entry) return [];
    // Queued by another replica whose ledger records this one has not read: the job carries what to send.
    return [{
      key: job.key, kind: 'alert', state: 'pending', attempts: job.attempts, code: null, reason: null, at: new Date(this.now()).toISOString(),
      subscriberId: job.subscriberId, channel: job.channel, collaborationId: job.flag.collaborationId, periodKey: null,
      notBefore: new Date(this.now()).toISOString(), flag: job.flag,
    }];
  }

  /** A replay wrote `pending` to the ledger topic, which this running worker does not read: apply it here. */
  private async reopen(job: DeliveryJob): Promise<void> {
    const entry = job.kind === 'alert' ? this.ledger.get(job.key) : undefined;
    const dead = job.kind === 'digest' ? this.ledger.itemsOf(job.subscriberId, job.channel, job.periodKey, 'dead') : entry?.state === 'dead' ? [entry.record] : [];
    const at = new Date(this.now()).toISOString();
    await Promise.all(dead.map((r) => this.ledger.record({ ...r, state: 'pending', attempts: 0, code: null, reason: null, at })));
  }

  private async pace(job: DeliveryJob, subscriber: Subscriber, now: number): Promise<JobOutcome | null> {
    if (job.channel !== 'slack' || !subscriber.slackWebhookUrl) return null;
    if (job.slotAt !== undefined && job.slotAt <= now + SLOT_TOLERANCE_MS) return null;
    const slot = await this.pacer.reserve(paceKey(subscriber.slackWebhookUrl), this.opts.slackIntervalMs, now);
    if (slot <= now + SLOT_TOLERANCE_MS) return null;
    return { kind: 'later', at: slot, job: { ...job, slotAt: slot } };
  }

  private subscriber(id: string): Subscriber | undefined {
    const list = this.subscribers.list();
    let map = this.byId.get(list);
    if (!map) {
      map = new Map(list.map((s) => [s.id, s]));
      this.byId = new WeakMap([[list, map]]);
    }
    return map.get(id);
  }

  private async afterAttempt(job: DeliveryJob, items: DeliveryRecordV1[], result: DeliveryResult): Promise<JobOutcome> {
    const now = this.now();
    const attempts = job.attempts + 1;
    const ctx = { key: job.key, subscriberId: job.subscriberId, channel: job.channel, items: items.length, attempts };
    if (result.status === 'sent') {
      // Digests wait for their period by design; only instant alerts say how fast we are.
      if (job.kind === 'alert') alertLag.observe(Math.max(0, (now - Date.parse(job.flag.ingestedAt)) / 1000));
      this.log.info('delivery sent', ctx);
      return this.settle(job, items, 'sent', null, null, attempts);
    }
    if (result.status === 'rejected') {
      this.log.warn('delivery rejected', { ...ctx, code: result.code, reason: result.message });
      await this.status.disable({ subscriberId: job.subscriberId, channel: job.channel, code: result.code, reason: result.message, deliveryKey: job.key });
      return this.settle(job, items, 'rejected', result.code, result.message, attempts);
    }
    return this.retryOrDie(job, items, result.code, result.message, result.retryAfterMs);
  }

  /** Another attempt later (backoff, Retry-After), or dead with a dead letter once the window or the attempts are spent. */
  private async retryOrDie(job: DeliveryJob, items: DeliveryRecordV1[], code: string, message: string, retryAfterMs?: number): Promise<JobOutcome> {
    const now = this.now();
    const attempts = job.attempts + 1;
    const firstAttemptAt = job.firstAttemptAt ?? now;
    const ctx = { key: job.key, subscriberId: job.subscriberId, channel: job.channel, items: items.length, attempts, code };
    const decision = nextRetry({ attempts, firstAttemptAt, now, retryAfterMs }, this.opts.retry);
    if (decision.retry) {
      deliveries.inc({ channel: job.channel, outcome: 'retry' });
      this.log.warn('delivery will be retried', { ...ctx, retryAt: new Date(decision.at).toISOString(), retryAfterMs });
      await Promise.all(items.map((i) => this.ledger.record({ ...i, state: 'pending', attempts, code, reason: message.slice(0, 2_000), at: new Date(now).toISOString() })));
      return { kind: 'later', at: decision.at, job: { ...job, attempts, firstAttemptAt, slotAt: undefined } };
    }
    this.log.error('delivery dead after its last attempt', { ...ctx, reason: message, why: decision.why });
    await this.bus.publish(Topics.deliveryDeadLetters, {
      key: job.key, subscriberId: job.subscriberId, channel: job.channel, collaborationIds: items.map((i) => i.collaborationId),
      periodKey: job.kind === 'digest' ? job.periodKey : null, attempts, code, reason: message.slice(0, 2_000),
      firstAttemptAt: new Date(firstAttemptAt).toISOString(), failedAt: new Date(now).toISOString(),
    }, { key: job.key });
    return this.settle(job, items, 'dead', code, message, attempts);
  }

  private async settle(job: DeliveryJob, items: DeliveryRecordV1[], state: 'sent' | 'rejected' | 'dead', code: string | null, reason: string | null, attempts = job.attempts): Promise<JobOutcome> {
    const at = new Date(this.now()).toISOString();
    await Promise.all(items.map((i) => this.ledger.record({ ...i, state, attempts, code, reason: reason?.slice(0, 2_000) ?? null, at })));
    deliveries.inc({ channel: job.channel, outcome: state }, items.length);
    return { kind: 'done' };
  }
}
