import { BeforeApplicationShutdown, DynamicModule, Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { AppError, ErrorCode } from '@pharma-radar/contracts';
import { ChannelProvider, ConsoleProvider, SlackWebhookProvider, SmtpProvider } from '@pharma-radar/notifier-channels';
import { parseSubscribers } from '@pharma-radar/notifier-subscriptions';
import { MESSAGE_BUS, MessageBus } from '@pharma-radar/platform-messaging';
import { NotifierConfig } from './config';
import { FlagConsumer, NOTIFIER } from './flag.consumer';
import { createQueue, Notifier } from './notifier';

@Injectable()
class NotifierLifecycle implements OnModuleInit, BeforeApplicationShutdown {
  constructor(@Inject(NOTIFIER) private readonly notifier: Notifier) {}

  async onModuleInit(): Promise<void> {
    await this.notifier.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.notifier.stop();
  }
}

@Module({})
export class NotifierModule {
  /** Subscribers are validated here, at boot: a bad watchlist stops the start with every problem listed. */
  static forRoot(config: NotifierConfig, deps: { consoleWrite?: (text: string) => void } = {}): DynamicModule {
    const parsed = parseSubscribers(config.subscribers, { allowedWebhookPrefixes: config.allowedWebhookPrefixes });
    if (!parsed.ok) throw new AppError(ErrorCode.ConfigInvalid, `Invalid subscribers:\n  - ${parsed.errors.join('\n  - ')}`);
    const providers: ChannelProvider[] = [new SlackWebhookProvider({ allowedWebhookPrefixes: config.allowedWebhookPrefixes })];
    if (config.smtp) providers.push(new SmtpProvider({ smtpUrl: config.smtp.url, from: config.smtp.from }));
    if (config.console) providers.push(new ConsoleProvider({ write: deps.consoleWrite ?? ((t) => process.stdout.write(t)) }));
    return {
      module: NotifierModule,
      controllers: [FlagConsumer],
      providers: [
        {
          provide: NOTIFIER,
          inject: [MESSAGE_BUS],
          useFactory: (bus: MessageBus) => {
            const { queue, pacer } = createQueue(config);
            return new Notifier(config, parsed.subscribers, providers, bus, queue, pacer);
          },
        },
        NotifierLifecycle,
      ],
      exports: [NOTIFIER],
    };
  }
}
