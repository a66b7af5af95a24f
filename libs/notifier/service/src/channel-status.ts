import { channelOpsKey, Topics, type OpsEventV1 } from '@pharma-radar/contracts';
import type { CompactedLog } from '@pharma-radar/notifier-compacted-log';
import type { ChannelSwitches, DisabledChannel } from '@pharma-radar/notifier-subscriptions';
import { getLogger } from '@pharma-radar/platform-logging';
import { appendEvent, decodeEvent } from './topic-log';

/**
 * Subscriber channels switched off after a permanent refusal (Slack 404/410, a rejected address).
 * Each switch is an ops event on the compacted `ops-events.v1` topic, so operators see it and the
 * state survives restarts; a later `channel-enabled` event for the same subject (the subscriptions API's
 * enable route) switches it back. Every replica follows the topic, so a switch made by one holds for all.
 */
export class ChannelStatus implements ChannelSwitches {
  private readonly disabled = new Map<string, DisabledChannel>();
  private readonly log = getLogger('ChannelStatus');

  constructor(private readonly store: CompactedLog) {}

  isDisabled(subscriberId: string, channel: string): boolean {
    return this.disabled.has(channelOpsKey(subscriberId, channel));
  }

  disabledChannels(subscriberId: string): DisabledChannel[] {
    return [...this.disabled.values()].filter((d) => d.subscriberId === subscriberId);
  }

  async disable(input: { subscriberId: string; channel: string; code: string; reason: string; deliveryKey: string }): Promise<void> {
    const key = channelOpsKey(input.subscriberId, input.channel);
    if (this.disabled.has(key)) return;
    await this.write({ type: 'channel-disabled', ...input, reason: input.reason.slice(0, 2_000), at: new Date().toISOString() });
    this.log.warn('subscriber channel disabled after a permanent refusal', { subscriberId: input.subscriberId, channel: input.channel, code: input.code });
  }

  /** Switches a disabled channel back on; false when it was not disabled (nothing is written then). */
  async enable(subscriberId: string, channel: string): Promise<boolean> {
    if (!this.isDisabled(subscriberId, channel)) return false;
    await this.write({ type: 'channel-enabled', subscriberId, channel, at: new Date().toISOString() });
    this.log.info('subscriber channel enabled again', { subscriberId, channel });
    return true;
  }

  /** Reads every switch, then follows the topic until `stop`. */
  async start(): Promise<void> {
    this.disabled.clear();
    await this.store.start((key, value, position) => {
      if (value === null) {
        this.disabled.delete(key);
        return;
      }
      const decoded = decodeEvent(Topics.opsEvents, key, value, position);
      if (!decoded.ok) {
        this.log.warn('ops event skipped', { key, offset: position.offset, reason: decoded.message });
        return;
      }
      this.apply(decoded.event.payload);
    });
  }

  async stop(): Promise<void> {
    await this.store.stop();
  }

  private async write(event: OpsEventV1): Promise<void> {
    await appendEvent(this.store, Topics.opsEvents, channelOpsKey(event.subscriberId, event.channel), event);
    this.apply(event);
  }

  private apply(e: OpsEventV1): void {
    const key = channelOpsKey(e.subscriberId, e.channel);
    if (e.type === 'channel-disabled') this.disabled.set(key, { subscriberId: e.subscriberId, channel: e.channel, code: e.code, reason: e.reason, at: e.at });
    else this.disabled.delete(key);
  }
}
