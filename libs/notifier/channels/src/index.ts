export { DeliveryCode, rejected, retry, type ChannelProvider, type DeliveryResult, type Recipient, type SendOptions } from './provider';
export { SMTP_DEFAULTS, SmtpProvider, classifySmtpError, messageIdFor, type SmtpProviderOptions } from './email/smtp/smtp.provider';
export { emailContent, listUnsubscribeHeaders, type EmailContent, type EmailLinks, type ListUnsubscribe } from './email/smtp/email.serializer';
export { SLACK_DEFAULTS, SlackWebhookProvider, type SlackProviderOptions } from './chat/slack/slack.provider';
export { SLACK_LIMITS, slackCard, type SlackBlock, type SlackCard, type SlackCardLinks } from './chat/slack/slack-blocks.serializer';
export { WEBHOOK_DEFAULTS, WebhookProvider, type WebhookProviderOptions } from './webhook/webhook.provider';
export { WEBHOOK_ALERT_TYPE, WEBHOOK_DIGEST_TYPE, webhookAlertV1, webhookDigestV1, webhookJson, type WebhookAlertV1, type WebhookDigestV1 } from './webhook/webhook.serializer';
export { WEBHOOK_HEADERS, WEBHOOK_SIGNATURE_DEFAULTS, signWebhook, verifyWebhook, webhookSignature, type WebhookVerifyInput, type WebhookVerifyProblem } from './webhook/webhook-signature';
export { isBlockedAddress } from './webhook/address-policy';
export { retryAfterMs } from './http/http-answer';
export {
  FEEDBACK_VERDICTS, LINK_DEFAULTS, assertLinkSettings, feedbackUrls, signFeedbackToken, signUnsubscribeToken, unsubscribeUrl, verifyFeedbackToken, verifyUnsubscribeToken,
  type FeedbackClaims, type FeedbackVerdict, type LinkSettings, type LinkTokenProblem, type UnsubscribeClaims, type VerifyResult,
} from './links/signed-link';
export { ConsoleProvider, type ConsoleProviderOptions } from './console/console.provider';
