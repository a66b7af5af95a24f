import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AppError, CollaborationFlaggedV1, ConsumerGroups, ErrorCode, Topics } from '@pharma-radar/contracts';
import { ChannelProvider, DeliveryResult } from '@pharma-radar/notifier-channels';
import { Channel, deliveryKey, matchSubscribers, renderAlert, Subscriber } from '@pharma-radar/notifier-subscriptions';
import { KEY_VALUE_STORE, KeyValueStore } from '@pharma-radar/platform-cache';
import { counter, histogram } from '@pharma-radar/platform-health';
import { getLogger } from '@pharma-radar/platform-logging';
import { EventOf, OnTopic } from '@pharma-radar/platform-messaging';

export const SUBSCRIBERS = Symbol('SUBSCRIBERS');
export const CHANNEL_PROVIDERS = Symbol('CHANNEL_PROVIDERS');

const deliveries = counter('pharma_radar_notifier_deliveries_total', 'Alert deliveries by channel and outcome', ['channel', 'outcome']);
const alertLag = histogram('pharma_radar_alert_lag_seconds', 'From ingest to alert sent', [], [1, 5, 15, 30, 60, 120, 300, 900]);

const SENT_TTL = 90 * 86_400;
/** Long enough for one send with its timeouts; a crashed sender's claim expires by itself. */
const SENDING_TTL = 120;

export type DispatchOutcome = { subscriberId: string; channel: Channel; result: DeliveryResult['status'] | 'already-sent' | 'in-flight' | 'no-provider' };

@Controller()
export class AlertDispatcher {
  private readonly log = getLogger(AlertDispatcher.name);
  private readonly providers: Map<Channel, ChannelProvider>;

  constructor(
    @Inject(SUBSCRIBERS) private readonly subscribers: Subscriber[],
    @Inject(CHANNEL_PROVIDERS) providers: ChannelProvider[],
    @Inject(KEY_VALUE_STORE) private readonly store: KeyValueStore,
  ) {
    this.providers = new Map(providers.map((p) => [p.channel, p]));
  }

  @OnTopic(Topics.collaborationsFlagged, ConsumerGroups.notifier)
  async onFlag(@Payload() event: EventOf<typeof Topics.collaborationsFlagged>): Promise<void> {
    const outcomes = await this.dispatch(event.payload);
    const retry = outcomes.filter((o) => o.result === 'retry' || o.result === 'in-flight');
    // Throwing hands the event back to the messaging layer's retry; channels already sent are
    // skipped on the next attempt through their delivery keys, so nobody gets a second copy.
    if (retry.length) throw new AppError(ErrorCode.DeliveryTransient, `deliveries to retry: ${retry.map((o) => `${o.subscriberId}/${o.channel}`).join(', ')}`, true);
  }

  async dispatch(flag: CollaborationFlaggedV1): Promise<DispatchOutcome[]> {
    // Later copies of an announcement only enrich the event; an alert goes out once, for revision 1.
    if (flag.revision > 1) {
      this.log.info('flag revision is an update, no alert', { collaborationId: flag.collaborationId, revision: flag.revision });
      return [];
    }
    const matches = matchSubscribers(flag, this.subscribers);
    if (!matches.length) return [];
    const message = renderAlert(flag);
    const outcomes: DispatchOutcome[] = [];
    for (const { subscriber, channels } of matches) {
      for (const channel of channels) {
        outcomes.push({ subscriberId: subscriber.id, channel, result: await this.deliver(flag, subscriber, channel, message) });
      }
    }
    return outcomes;
  }

  private async deliver(flag: CollaborationFlaggedV1, subscriber: Subscriber, channel: Channel, message: ReturnType<typeof renderAlert>): Promise<DispatchOutcome['result']> {
    const provider = this.providers.get(channel);
    if (!provider) {
      this.log.warn('no provider configured for channel', { subscriberId: subscriber.id, channel });
      deliveries.inc({ channel, outcome: 'no_provider' });
      return 'no-provider';
    }
    const key = deliveryKey(subscriber.id, channel, flag.collaborationId);
    if (await this.store.get(`sent:${key}`)) return 'already-sent';
    if (!(await this.store.setIfAbsent(`sending:${key}`, new Date().toISOString(), SENDING_TTL))) return 'in-flight';
    try {
      const result = await provider.send(message, { subscriberId: subscriber.id, name: subscriber.name, email: subscriber.email, slackWebhookUrl: subscriber.slackWebhookUrl }, { idempotencyKey: key });
      deliveries.inc({ channel, outcome: result.status });
      if (result.status === 'sent') {
        await this.store.set(`sent:${key}`, new Date().toISOString(), SENT_TTL);
        alertLag.observe(Math.max(0, (Date.now() - Date.parse(flag.ingestedAt)) / 1000));
        this.log.info('alert sent', { subscriberId: subscriber.id, channel, collaborationId: flag.collaborationId });
      } else if (result.status === 'rejected') {
        // A permanent refusal (bad address, archived channel) is recorded once, not retried forever.
        await this.store.set(`sent:${key}`, `rejected:${result.code}`, SENT_TTL);
        this.log.warn('alert rejected by channel', { subscriberId: subscriber.id, channel, code: result.code, reason: result.message });
      } else {
        this.log.warn('alert delivery will be retried', { subscriberId: subscriber.id, channel, code: result.code, retryAfterMs: result.retryAfterMs });
      }
      return result.status;
    } finally {
      await this.store.del(`sending:${key}`);
    }
  }
}
