export { DeliveryCode, rejected, retry, type ChannelProvider, type DeliveryResult, type Recipient, type SendOptions } from './provider';
export { SMTP_DEFAULTS, SmtpProvider, classifySmtpError, messageIdFor, type SmtpProviderOptions } from './email/smtp/smtp.provider';
export { SLACK_DEFAULTS, SlackWebhookProvider, retryAfterMs, type SlackProviderOptions } from './chat/slack/slack.provider';
export { ConsoleProvider, type ConsoleProviderOptions } from './console/console.provider';
