export {
  CHANNELS, DIGEST_MODES, SUBSCRIBER_LIMITS, createSubscriberSchema, parseSubscriber, parseSubscribers, subscriberSchema,
  type Channel, type DigestMode, type ParseSubscribersResult, type Subscriber, type Watchlist,
} from './subscriber';
export { EMAIL_MAX_LENGTH, emailProblem, isValidEmail, type EmailProblem } from './email';
export { SLACK_WEBHOOK_MAX_LENGTH, webhookUrlProblem, type WebhookUrlPolicy, type WebhookUrlProblem } from './webhook-url';
export { matchSubscribers, type Match } from './match';
export { deliveryKey, digestKey } from './delivery-key';
export { RENDER_LIMITS, formatMoney, formatTerms, renderAlert, type AlertMessage } from './render';
export { emailSubject, escapeHtml, escapeSlack, safeHttpUrl, slackText } from './escape';
export { maskEmail, maskSecret } from './mask';
export { RateLimiter, type RateDecision, type RateLimiterOptions } from './rate-limiter';
export { DIGEST_DEFAULTS, buildDigest, deliveryMode, digestDay, digestItems, nextDigestAt } from './digest';
export { cleanLine, companyKey, truncate } from './text';
