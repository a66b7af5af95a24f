/** A subscriber channel switched off after a permanent refusal, as the delivery side recorded it. */
export interface DisabledChannel {
  subscriberId: string;
  channel: string;
  /** The delivery code of the refusal (SLACK_CHANNEL_ARCHIVED, SMTP_REJECTED…). */
  code: string;
  reason: string;
  at: string;
}

/**
 * The delivery side's channel switches, as the subscriptions API sees them: which channels of a subscriber a
 * permanent refusal disabled, and switching one back on once its owner fixed it. Provided by the notifier
 * service (libs/notifier/service) under CHANNEL_SWITCHES; the API lib may not import that feature lib.
 */
export interface ChannelSwitches {
  disabledChannels(subscriberId: string): DisabledChannel[];
  /** Resolves true when the channel was disabled and is enabled now, false when it was not disabled. */
  enable(subscriberId: string, channel: string): Promise<boolean>;
}

// Symbol.for: the same token whichever copy of this module a bundle or a test loads.
export const CHANNEL_SWITCHES = Symbol.for('pharma-radar.notifier.channel-switches');
