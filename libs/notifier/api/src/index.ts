export { SubscriptionsApiModule, adminKeyCheck, type SubscriptionsApiDeps } from './api.module';
export { SubscriptionsService, type SubscriberDirectory, type SubscriptionsServiceOptions } from './subscriptions.service';
export { SUBSCRIBER_DIRECTORY } from './tokens';
export { subscriptionsApiConfig, subscriptionsApiEnv, type SubscriptionsApiConfig, type SubscriptionsApiEnv } from './config';
export { MemorySubscriptionLog, type SubscriptionLog } from './subscription-log';
export { KafkaSubscriptionLog, type KafkaSubscriptionLogOptions } from './kafka-subscription-log';
export { classifierVocabulary } from './classifier-vocabulary';
export { ApiError, ApiErrorCode, type ApiErrorBody, type ApiErrorDetail } from './errors';
export { OPENAPI_DOCUMENT } from './openapi';
