import { Body, Controller, Get, Headers, HttpCode, Inject, Optional, Param, Post } from '@nestjs/common';
import { CHANNEL_SWITCHES, globalSubscriberId, type ChannelSwitches, type Subscriber } from '@pharma-radar/notifier-subscriptions';
import { ApiError, ApiErrorCode, notFound } from './errors';
import { SubscriptionsService } from './subscriptions.service';

/**
 * A subscriber's channels as delivery sees them: a permanent refusal (Slack 404/410, a rejected address) switches a
 * channel off, and its owner switches it back on here once fixed. The switches live on the notifier's `ops-events.v1`
 * log; every replica follows it, so one call re-enables the channel everywhere.
 */
@Controller('v1/subscribers/:id/channels')
export class ChannelsController {
  constructor(
    private readonly service: SubscriptionsService,
    // Provided by the delivery module of the same app; the API mounted alone answers 503 on these routes.
    @Optional() @Inject(CHANNEL_SWITCHES) private readonly switches?: ChannelSwitches,
  ) {}

  @Get()
  list(@Headers('authorization') auth: string | undefined, @Param('id') id: string) {
    const { subscriber, deliveryId, switches } = this.resolve(auth, id);
    const disabled = new Map(switches.disabledChannels(deliveryId).map((d) => [d.channel, d]));
    return {
      channels: subscriber.channels.map((channel) => {
        const d = disabled.get(channel);
        return d ? { channel, state: 'disabled', disabled: { code: d.code, reason: d.reason, at: d.at } } : { channel, state: 'enabled' };
      }),
    };
  }

  /** Idempotent: enabling a channel that is on changes nothing (`changed: false`). */
  @Post(':channel/enable')
  @HttpCode(200)
  async enable(@Headers('authorization') auth: string | undefined, @Param('id') id: string, @Param('channel') channel: string, @Body() body: unknown) {
    const { subscriber, deliveryId, switches } = this.resolve(auth, id);
    if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body) || Object.keys(body).length > 0)) {
      throw new ApiError(400, ApiErrorCode.ValidationFailed, 'invalid body', [{ path: '(root)', message: 'expected no body or an empty JSON object' }]);
    }
    if (!(subscriber.channels as readonly string[]).includes(channel)) throw notFound();
    let changed: boolean;
    try {
      changed = await switches.enable(deliveryId, channel);
    } catch {
      throw new ApiError(503, ApiErrorCode.StoreUnavailable, 'the channel state could not be recorded, try again');
    }
    return { channel, state: 'enabled', changed };
  }

  private resolve(auth: string | undefined, id: string): { subscriber: Subscriber; deliveryId: string; switches: ChannelSwitches } {
    const tenant = this.service.authenticate(auth);
    const subscriber = this.service.getSubscriber(tenant, id);
    if (!this.switches) throw new ApiError(503, ApiErrorCode.StoreUnavailable, 'channel states are not available in this process (no delivery module)');
    return { subscriber, deliveryId: globalSubscriberId(tenant.id, id), switches: this.switches };
  }
}
