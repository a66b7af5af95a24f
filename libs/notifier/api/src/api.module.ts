import { timingSafeEqual } from 'node:crypto';
import { DynamicModule, Inject, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AppError, ErrorCode } from '@pharma-radar/contracts';
import { bearerKey, createVocabularyChecker, hashApiKey, parseSubscribers, SUBSCRIBER_DIRECTORY, type Vocabulary } from '@pharma-radar/notifier-subscriptions';
import { ApiExceptionFilter } from './api-exception.filter';
import { ChannelsController } from './channels.controller';
import { classifierVocabulary } from './classifier-vocabulary';
import type { SubscriptionsApiConfig } from './config';
import { OpenApiController, SubscribersController, TenantsController } from './controllers';
import { FeedbackController } from './feedback.controller';
import { KafkaSubscriptionLog } from './kafka-subscription-log';
import { MemorySubscriptionLog, type SubscriptionLog } from './subscription-log';
import { SubscriptionsService } from './subscriptions.service';
import { ADMIN_KEY_CHECK, CLOCK, LINK_SECRETS, VOCABULARY } from './tokens';
import { UnsubscribeController } from './unsubscribe.controller';

export interface SubscriptionsApiDeps {
  /** Tests share one log between two module instances to model a restart. */
  log?: SubscriptionLog;
  vocabulary?: Vocabulary;
  /** Raw subscribers from SUBSCRIBERS_FILE (validated here): served to delivery as they are. */
  seedSubscribers?: unknown;
  /** Clock for link-token expiry (tests). */
  now?: () => number;
}

/** Starts with the module (reads the whole log before the HTTP server listens) and stops with the app. */
class Lifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(SubscriptionsService) private readonly service: SubscriptionsService) {}
  onModuleInit(): Promise<void> {
    return this.service.start();
  }
  onApplicationShutdown(): Promise<void> {
    return this.service.stop();
  }
}

@Module({})
export class SubscriptionsApiModule {
  static forRoot(config: SubscriptionsApiConfig, deps: SubscriptionsApiDeps = {}): DynamicModule {
    const policy = { allowedWebhookPrefixes: config.allowedWebhookPrefixes };
    const seed = deps.seedSubscribers === undefined ? { ok: true as const, subscribers: [] } : parseSubscribers(deps.seedSubscribers, policy);
    if (!seed.ok) throw new AppError(ErrorCode.ConfigInvalid, `Invalid subscribers:\n  - ${seed.errors.join('\n  - ')}`);
    const vocabulary = deps.vocabulary ?? classifierVocabulary();
    const log = deps.log ?? (config.kafka ? new KafkaSubscriptionLog({ ...config.kafka, topic: config.topic }) : new MemorySubscriptionLog());
    const service = new SubscriptionsService(log, {
      vocabulary: createVocabularyChecker(vocabulary),
      webhookPolicy: policy,
      seed: seed.subscribers,
      maxSubscribersPerTenant: config.maxSubscribersPerTenant,
    });
    return {
      module: SubscriptionsApiModule,
      // Global so the delivery module can inject SUBSCRIBER_DIRECTORY without importing this one.
      global: true,
      controllers: [OpenApiController, TenantsController, SubscribersController, ChannelsController, UnsubscribeController, FeedbackController],
      providers: [
        { provide: SubscriptionsService, useValue: service },
        { provide: SUBSCRIBER_DIRECTORY, useValue: service },
        { provide: VOCABULARY, useValue: vocabulary },
        { provide: ADMIN_KEY_CHECK, useValue: adminKeyCheck(config.adminApiKey) },
        { provide: LINK_SECRETS, useValue: config.linkSecrets },
        { provide: CLOCK, useValue: deps.now ?? Date.now },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        Lifecycle,
      ],
      exports: [SUBSCRIBER_DIRECTORY, SubscriptionsService],
    };
  }
}

/** Compares digests in constant time, so the comparison leaks neither the key nor its length. */
export function adminKeyCheck(adminKey: string | null): (authorization: string | undefined) => boolean {
  if (!adminKey) return () => false;
  const want = Buffer.from(hashApiKey(adminKey), 'hex');
  return (authorization) => {
    const key = bearerKey(authorization);
    return key !== null && timingSafeEqual(Buffer.from(hashApiKey(key), 'hex'), want);
  };
}
