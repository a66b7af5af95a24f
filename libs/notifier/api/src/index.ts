export { SubscriptionsApiModule, adminKeyCheck, type SubscriptionsApiDeps } from './api.module';
export { SEED_TENANT, SubscriptionsService, type SubscriptionsServiceOptions } from './subscriptions.service';
// Defined in notifier-subscriptions so the delivery lib (a feature lib too) can import them; re-exported for convenience.
export { SUBSCRIBER_DIRECTORY, staticDirectory, type SubscriberDirectory } from '@pharma-radar/notifier-subscriptions';
export { subscriptionsApiConfig, subscriptionsApiEnv, type SubscriptionsApiConfig, type SubscriptionsApiEnv } from './config';
export { MemorySubscriptionLog, type SubscriptionLog } from './subscription-log';
export { KafkaSubscriptionLog, type KafkaSubscriptionLogOptions } from './kafka-subscription-log';
export { classifierVocabulary } from './classifier-vocabulary';
export { ApiError, ApiErrorCode, type ApiErrorBody, type ApiErrorDetail } from './errors';
export { OPENAPI_DOCUMENT } from './openapi';
