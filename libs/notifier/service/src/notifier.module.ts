import { BeforeApplicationShutdown, DynamicModule, Inject, Injectable, InjectionToken, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AppError, ErrorCode } from '@pharma-radar/contracts';
import { ChannelProvider, ConsoleProvider, SlackWebhookProvider, SmtpProvider, WebhookProvider } from '@pharma-radar/notifier-channels';
import { CHANNEL_SWITCHES, parseSubscribers } from '@pharma-radar/notifier-subscriptions';
import { MESSAGE_BUS, MessageBus } from '@pharma-radar/platform-messaging';
import { NotifierConfig } from './config';
import { FlagConsumer, NOTIFIER } from './flag.consumer';
import { createState, Notifier } from './notifier';
import { staticSubscribers, SubscriberSource } from './subscriber-source';

@Injectable()
class NotifierLifecycle implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(@Inject(NOTIFIER) private readonly notifier: Notifier) {}

  async onModuleInit(): Promise<void> {
    await this.notifier.start();
  }

  // Nest runs every beforeApplicationShutdown (workers here, the consumer in MessagingModule) before any
  // onApplicationShutdown: the queue stays open for a flag still being handled, the producer for the ledger.
  async beforeApplicationShutdown(): Promise<void> {
    await this.notifier.stopWorkers();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.notifier.close();
  }
}

@Module({})
export class NotifierModule {
  /** Subscribers are validated here, at boot: a bad watchlist stops the start with every problem listed. */
  /**
   * `subscriberSource`: a provider token of a SubscriberSource (the subscriptions API's directory);
   * without it, delivery uses the validated subscribers of `config`.
   */
  static forRoot(config: NotifierConfig, deps: { consoleWrite?: (text: string) => void; subscriberSource?: InjectionToken } = {}): DynamicModule {
    const parsed = parseSubscribers(config.subscribers, { allowedWebhookPrefixes: config.allowedWebhookPrefixes });
    if (!parsed.ok) throw new AppError(ErrorCode.ConfigInvalid, `Invalid subscribers:\n  - ${parsed.errors.join('\n  - ')}`);
    const secrets = config.webhookSecrets ?? {};
    const links = config.links ?? undefined;
    const providers: ChannelProvider[] = [
      new SlackWebhookProvider({ allowedWebhookPrefixes: config.allowedWebhookPrefixes, links }),
      new WebhookProvider({ allowedWebhookPrefixes: config.allowedWebhookPrefixes, resolveSecret: (ref) => (Object.hasOwn(secrets, ref) ? secrets[ref] : undefined), links }),
    ];
    if (config.smtp) providers.push(new SmtpProvider({ smtpUrl: config.smtp.url, from: config.smtp.from, links, pool: { maxConnections: config.smtp.poolConnections } }));
    if (config.console) providers.push(new ConsoleProvider({ write: deps.consoleWrite ?? ((t) => process.stdout.write(t)) }));
    return {
      module: NotifierModule,
      // Global so the subscriptions API of the same app can inject CHANNEL_SWITCHES without importing this module.
      global: true,
      controllers: [FlagConsumer],
      providers: [
        {
          provide: NOTIFIER,
          inject: deps.subscriberSource ? [MESSAGE_BUS, deps.subscriberSource] : [MESSAGE_BUS],
          useFactory: (bus: MessageBus, source?: SubscriberSource) => {
            return new Notifier(config, source ?? staticSubscribers(parsed.subscribers), providers, bus, createState(config, bus));
          },
        },
        { provide: CHANNEL_SWITCHES, inject: [NOTIFIER], useFactory: (notifier: Notifier) => notifier.status },
        NotifierLifecycle,
      ],
      exports: [NOTIFIER, CHANNEL_SWITCHES],
    };
  }
}
