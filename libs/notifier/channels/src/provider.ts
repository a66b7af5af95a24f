import type { AlertMessage, Channel } from '@pharma-radar/notifier-subscriptions';

/** Where one alert goes. Providers read only the field of their own channel. */
export interface Recipient {
  subscriberId: string;
  name?: string;
  email?: string;
  slackWebhookUrl?: string;
  /** Channel 'webhook': the subscriber's endpoint. */
  webhookUrl?: string;
  /** The subscriber's `webhookSecret`: a reference to the signing secret (resolved by the provider), never the secret. */
  webhookSecret?: string;
}

export interface SendOptions {
  signal?: AbortSignal;
  /** Stable per (subscriber, channel, collaboration): see deliveryKey(). Lets a retried send be recognised. */
  idempotencyKey?: string;
}

/**
 * Outcome of one attempt. `retry` means trying later can succeed (the caller schedules it, honouring
 * `retryAfterMs`); `rejected` means it never will for this recipient. Providers never throw.
 */
export type DeliveryResult =
  | { status: 'sent'; providerMessageId?: string }
  | { status: 'retry'; code: DeliveryCode; message: string; retryAfterMs?: number }
  | { status: 'rejected'; code: DeliveryCode; message: string };

/** Adding a channel is a new folder implementing this, never an `if` in the dispatcher. */
export interface ChannelProvider {
  readonly channel: Channel;
  send(message: AlertMessage, recipient: Recipient, opts?: SendOptions): Promise<DeliveryResult>;
}

export enum DeliveryCode {
  RecipientMissing = 'RECIPIENT_MISSING',
  Aborted = 'ABORTED',
  Timeout = 'TIMEOUT',
  Network = 'NETWORK',
  Unknown = 'UNKNOWN',
  // SMTP
  SmtpTransient = 'SMTP_TRANSIENT',
  SmtpRejected = 'SMTP_REJECTED',
  SmtpAuth = 'SMTP_AUTH',
  SmtpTls = 'SMTP_TLS',
  SmtpConfig = 'SMTP_CONFIG',
  // Slack
  WebhookUrlRefused = 'WEBHOOK_URL_REFUSED',
  SlackRateLimited = 'SLACK_RATE_LIMITED',
  SlackServerError = 'SLACK_SERVER_ERROR',
  SlackInvalidToken = 'SLACK_INVALID_TOKEN',
  SlackNoService = 'SLACK_NO_SERVICE',
  SlackChannelArchived = 'SLACK_CHANNEL_ARCHIVED',
  SlackInvalidPayload = 'SLACK_INVALID_PAYLOAD',
  SlackRejected = 'SLACK_REJECTED',
  SlackRedirect = 'SLACK_REDIRECT',
  // Generic webhook (WebhookUrlRefused above is shared with Slack)
  WebhookSecretMissing = 'WEBHOOK_SECRET_MISSING',
  WebhookRateLimited = 'WEBHOOK_RATE_LIMITED',
  WebhookServerError = 'WEBHOOK_SERVER_ERROR',
  /** 404/410: the endpoint is gone; the channel should be disabled, not retried. */
  WebhookGone = 'WEBHOOK_GONE',
  WebhookUnauthorized = 'WEBHOOK_UNAUTHORIZED',
  WebhookRedirect = 'WEBHOOK_REDIRECT',
  WebhookRejected = 'WEBHOOK_REJECTED',
  /** The provider cannot carry this kind of message (a pre-rendered digest to a JSON webhook). */
  MessageUnsupported = 'MESSAGE_UNSUPPORTED',
  // Console
  ConsoleWriteFailed = 'CONSOLE_WRITE_FAILED',
}

export const retry = (code: DeliveryCode, message: string, retryAfterMs?: number): DeliveryResult =>
  retryAfterMs === undefined ? { status: 'retry', code, message } : { status: 'retry', code, message, retryAfterMs };
export const rejected = (code: DeliveryCode, message: string): DeliveryResult => ({ status: 'rejected', code, message });
