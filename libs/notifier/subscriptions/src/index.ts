export {
  CHANNELS, DIGEST_MODES, SUBSCRIBER_LIMITS, createSubscriberSchema, parseSubscriber, parseSubscribers, subscriberSchema,
  type Channel, type DigestMode, type ParseSubscribersResult, type Subscriber, type Watchlist,
} from './subscriber';
export { EMAIL_MAX_LENGTH, emailProblem, isValidEmail, type EmailProblem } from './email';
export { SLACK_WEBHOOK_MAX_LENGTH, webhookUrlProblem, type WebhookUrlPolicy, type WebhookUrlProblem } from './webhook-url';
export { GENERIC_WEBHOOK_MAX_LENGTH, genericWebhookUrlProblem, type GenericWebhookUrlPolicy, type GenericWebhookUrlProblem } from './generic-webhook-url';
export { matchSubscribers, type Match } from './match';
export { deliveryKey, digestItemKey, digestJobId } from './delivery-key';
export { RENDER_LIMITS, alertModel, eventTypeLabel, formatMoney, formatTerms, renderAlert, type AlertMessage, type AlertModel } from './render';
export { emailSubject, escapeHtml, escapeSlack, safeHttpUrl, slackText } from './escape';
export { maskEmail, maskSecret } from './mask';
export { DIGEST_DEFAULTS, buildDigest, digestItems } from './digest';
export { digestPeriod, releaseAt, type DeliveryPlan, type DigestPeriod, type QuietWindow } from './schedule';
export { deliveryPrefsOf, type DeliveryPrefs } from './delivery-prefs';
export { cleanLine, companyKey, truncate } from './text';
// Subscriptions API: vocabulary checks, tenants and their API keys.
export { DELIVERY_MODES, isIanaTimeZone, type CompanyRef, type Delivery, type DeliveryMode, type QuietHours } from './subscriber';
export { createVocabularyChecker, type Resolution, type Vocabulary, type VocabularyCheck, type VocabularyChecker, type VocabularyProblem, type VocabularyProblemCode } from './vocabulary';
export { boundedEditDistance } from './edit-distance';
export { API_KEY_PREFIX, bearerKey, hashApiKey, issueApiKey, looksLikeApiKey, type IssuedApiKey } from './api-keys';
export { TENANT_ID, TenantRegistry, globalSubscriberId, type ApiKeyRecord, type Tenant } from './tenants';
export { SUBSCRIBER_DIRECTORY, staticDirectory, type SubscriberDirectory } from './directory';
export { CHANNEL_SWITCHES, type ChannelSwitches, type DisabledChannel } from './channel-switches';
