import { channelOpsKey, Topics } from '@pharma-radar/contracts';
import { getLogger } from '@pharma-radar/platform-logging';
import type { MessageBus } from '@pharma-radar/platform-messaging';

/**
 * Subscriber channels switched off after a permanent refusal (Slack 404/410, a rejected address).
 * Each switch is an ops event on the compacted `ops-events.v1` topic, so operators see it and the
 * state survives restarts; a later `channel-enabled` event for the same subject switches it back.
 */
export class ChannelStatus {
  private readonly disabled = new Set<string>();
  private readonly log = getLogger('ChannelStatus');

  constructor(private readonly bus: MessageBus) {}

  isDisabled(subscriberId: string, channel: string): boolean {
    return this.disabled.has(channelOpsKey(subscriberId, channel));
  }

  async disable(input: { subscriberId: string; channel: string; code: string; reason: string; deliveryKey: string }): Promise<void> {
    const key = channelOpsKey(input.subscriberId, input.channel);
    if (this.disabled.has(key)) return;
    await this.bus.publish(Topics.opsEvents, { type: 'channel-disabled', ...input, reason: input.reason.slice(0, 2_000), at: new Date().toISOString() }, { key });
    this.disabled.add(key);
    this.log.warn('subscriber channel disabled after a permanent refusal', { subscriberId: input.subscriberId, channel: input.channel, code: input.code });
  }

  async rebuild(): Promise<void> {
    this.disabled.clear();
    await this.bus.replay(Topics.opsEvents, {}, (event) => {
      const e = event.payload;
      const key = channelOpsKey(e.subscriberId, e.channel);
      if (e.type === 'channel-disabled') this.disabled.add(key);
      else this.disabled.delete(key);
    });
  }
}
